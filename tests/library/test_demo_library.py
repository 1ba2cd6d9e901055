"""The demo library, tried as a new teacher would: French, ages 9–12, grooming, then a pack."""

import io
import re
import zipfile

import pytest
from django.core.management import call_command

from campaign.packs.models import CuratedPack
from sitecontent.models import GuidePage, LibraryFacet, ResourceFile, ResourcePage

from .forms import submit

pytestmark = pytest.mark.django_db


def test_demo_library_and_the_teachers_path(client, django_capture_on_commit_callbacks):
    call_command("load_demo_content", verbosity=0)

    resources = ResourcePage.objects.live()
    assert resources.count() >= 40 and GuidePage.objects.live().count() >= 6
    regions = set(LibraryFacet.objects.filter(facet="region").values_list("value", flat=True))
    assert {"eu", "latam", "apac", "africa"} <= regions
    languages = set(LibraryFacet.objects.filter(facet="language").values_list("value", flat=True))
    assert len(languages) >= 5
    pdf = ResourceFile.objects.filter(language="fr").select_related("document").first().document
    with pdf.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    assert CuratedPack.objects.filter(region__short_code="eu").exists()

    # The teacher arrives at the Europe library in French and filters.
    region = client.get("/fr/europe/").content.decode()
    library_url = re.search(r'href="(/fr/europe/[^"]*biblioth[^"]*)"', region).group(1)
    page = client.get(library_url)
    page = submit(client, page, "library-form", tick=[("language", "fr"), ("age", "9-12"), ("topic", "grooming")])
    html = page.content.decode()
    ids = re.findall(r'name="pick" value="(\d+)" form="library-form"', html)
    assert len(ids) >= 3
    assert "Pédopiégeage" in html

    # Tick everything, build, confirm (no JavaScript: forms only).
    confirm = submit(client, page, "library-form", click=("build", "1"), tick=[("pick", pk) for pk in ids])
    with django_capture_on_commit_callbacks(execute=True):
        response = submit(client, confirm, "pack-confirm")
    status = client.get(response["Location"]).content.decode()
    download = re.search(r'href="([^"]*download/[^"]*)"', status).group(1)
    archive = zipfile.ZipFile(io.BytesIO(b"".join(client.get(download).streaming_content)))
    files = [name for name in archive.namelist() if name.startswith("files/")]
    assert files and all(".fr." in name or ".fallback-" in name for name in files)
    assert any(".fallback-" in name for name in files)  # the demo has one to show
    index = archive.read("index.html").decode()
    assert index.count("<li>") == len(ids)
    assert "Fallback" in index or "fallback" in index
