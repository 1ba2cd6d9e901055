"""Two app servers, one PostgreSQL, one Redis, one storage: nothing lives in one process.

Two gunicorn processes (``tests/traffic/stack.py``) on their own free ports serve the same
test database and the same storage folders (``sid.storage``), with the suite's Celery
worker. A teacher asks for a pack on one server and downloads it from the other; a young
person sends a story (with a picture) on one, and a moderator signs in, sees the picture
and approves the story on the other, whose published page both servers then show. Every
step goes over HTTP with the forms' own CSRF tokens, as a browser would.
"""

from __future__ import annotations

import io
import re
import time
import zipfile

import pytest
import requests
from django.conf import settings
from django.utils import translation

from campaign.moderation.models import ItemKind, ModerationItem
from campaign.packs.models import PackBuild
from campaign.stories.models import Submission
from tests.factories import PASSWORD
from tests.fixtures.uploads import upload_bytes
from tests.services.harness import _test_database_url
from tests.traffic.stack import AppServer

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def wait_for(predicate, timeout: float = 90.0, explain=lambda: ""):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting: {explain()}")


def servers_log(servers) -> str:
    return "\n".join(server.log.read_text(errors="replace")[-3000:] for server in servers)


def csrf_token(html: str) -> str:
    found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    assert found, html[:2000]
    return found.group(1)


class Browser:
    """One visitor's cookies, used against either server (cookies do not depend on ports)."""

    def __init__(self):
        self.session = requests.Session()

    def get(self, server: AppServer, path: str, **kwargs) -> requests.Response:
        return self.session.get(self._url(server, path), allow_redirects=False, timeout=60, **kwargs)

    def post(self, server: AppServer, path: str, data, **kwargs) -> requests.Response:
        return self.session.post(self._url(server, path), data=data, allow_redirects=False, timeout=60, **kwargs)

    @staticmethod
    def _url(server: AppServer, path: str) -> str:
        return path if path.startswith("http") else f"http://127.0.0.1:{server.port}{path}"


@pytest.fixture
def servers(transactional_db, celery_worker, tmp_path):
    """Two gunicorn processes with the same database, Redis and storage settings, and the
    worker started afresh (each transactional test recreates the content types, with new
    ids). The packs storage is configured from the environment as a deployment would
    (``SID_STORAGE_PACKS``), in a folder of its own that all three processes share."""
    import json

    shared_packs = tmp_path / "shared-packs"
    packs_storage = {"BACKEND": "sid.storage.FolderStorage", "OPTIONS": {"location": str(shared_packs)}}
    worker_env = dict(celery_worker.env)
    env = {
        **worker_env,
        "DATABASE_URL": _test_database_url(),
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "STORIES_PRIVATE_ROOT": str(settings.STORIES_PRIVATE_ROOT),
        "SID_STORAGE_PACKS": json.dumps(packs_storage),
    }
    celery_worker.stop()
    celery_worker.env = env
    celery_worker.start()
    started = []
    try:
        for _number in range(2):
            server = AppServer(env, workers=1, threads=4).start()
            server.packs_folder = shared_packs
            started.append(server)
        yield started
    finally:
        for server in started:
            server.stop()
        celery_worker.stop()
        celery_worker.env = worker_env
        celery_worker.start()


@pytest.fixture
def library(servers):
    from tests.library import factories as f

    translation.activate("en")
    return f.build_library_tree()


def test_a_pack_asked_for_on_one_server_is_downloaded_from_the_other(servers, library):
    first, second = servers
    teacher = Browser()
    item = library.fr_grooming
    with translation.override("fr"):
        url = library.libraries["eu"].get_url()
    page = teacher.get(first, f"{url}?build=1&pick={item.pk}")
    assert page.status_code == 200, page.text[:500]
    asked = teacher.post(
        first,
        "/fr/packs/request/",
        {"csrfmiddlewaretoken": csrf_token(page.text), "item": [str(item.pk)], "language": "fr"},
    )
    assert asked.status_code == 302, asked.text[:500]
    key = asked.headers["Location"].rstrip("/").rsplit("/", 1)[-1]
    wait_for(lambda: PackBuild.objects.filter(key=key, status=PackBuild.Status.READY).exists())

    # Stored once, where the environment put the packs storage (not in MEDIA_ROOT/packs).
    assert [path.name for path in first.packs_folder.iterdir()] == [f"{key}.zip"]
    download = teacher.get(second, f"/fr/packs/builds/{key}/download/")
    assert download.status_code == 200, (download.status_code, download.headers.get("Location"))
    assert download.headers["Content-Type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        assert archive.testzip() is None
        assert "index.html" in archive.namelist()
        assert any(name.endswith(".fr.txt") for name in archive.namelist())
    # The first server answers the same bytes: one stored file, not one per server.
    again = Browser().get(first, f"/fr/packs/builds/{key}/download/")
    assert again.status_code == 200 and again.content == download.content
    assert PackBuild.objects.get(key=key).download_count == 2


def test_a_story_sent_on_one_server_is_moderated_on_the_other(servers):
    from tests.factories import build_site_tree
    from tests.stories.factories import add_story_sections, story_data, submit_url

    first, second = servers
    translation.activate("en")
    tree = build_site_tree()
    section = add_story_sections(tree)["eu"]

    # A young person sends a story with a picture through the first server.
    young = Browser()
    form = young.get(first, submit_url(section))
    assert form.status_code == 200, form.text[:500]
    sent = young.post(
        first,
        submit_url(section),
        {**story_data(title="Sent on one server"), "csrfmiddlewaretoken": csrf_token(form.text)},
        files={"picture": ("photo.jpg", upload_bytes("photo_with_gps.jpg"), "image/jpeg")},
    )
    assert sent.status_code == 302, sent.text[:1000]
    submission = wait_for(
        lambda: Submission.objects.filter(status=Submission.Status.IN_REVIEW).first(),
        explain=lambda: f"{list(Submission.objects.values_list('title', 'status'))}\n{servers_log(servers)}",
    )
    assert submission.picture_name and submission.page.title == "Sent on one server"
    item = wait_for(
        lambda: ModerationItem.objects.filter(kind=ItemKind.STORY, object_id=submission.pk, is_open=True).first()
    )

    # The region's moderator signs in and decides on the second server.
    moderator = Browser()
    login = moderator.get(second, "/admin/login/")
    signed_in = moderator.post(
        second,
        "/admin/login/",
        {"csrfmiddlewaretoken": csrf_token(login.text), "username": "eu-moderator", "password": PASSWORD},
    )
    assert signed_in.status_code == 302, signed_in.text[:1000]
    review = moderator.get(second, f"/admin/moderation/{item.pk}/")
    assert review.status_code == 200 and "Sent on one server" in review.text
    # The picture the first server stored privately, shown to the moderator by the second.
    picture = moderator.get(second, f"/admin/youth-stories/{submission.pk}/picture/")
    assert picture.status_code == 200 and picture.headers["Content-Type"] == "image/jpeg"
    assert picture.content[:2] == b"\xff\xd8" and b"GPS" not in picture.content
    decided = moderator.post(
        second,
        f"/admin/moderation/{item.pk}/",
        {"csrfmiddlewaretoken": csrf_token(review.text), "decision": "approve"},
    )
    assert decided.status_code == 302, decided.text[:1000]

    submission.refresh_from_db()
    story = submission.page.specific
    assert story.live
    # Both servers show the published story, with its public picture from shared media.
    for server in (first, second):
        page = Browser().get(server, story.url)
        assert page.status_code == 200 and "Sent on one server" in page.text
        sources = re.findall(r'src="(/media/[^"]+\.jpg)"', page.text)
        assert sources, page.text[:2000]
        image = Browser().get(server, sources[0])
        assert image.status_code == 200 and image.content[:2] == b"\xff\xd8"
