"""Write a pack's ZIP: every file in the chosen language (or a fallback named as such), an
index.html that opens offline, and each guide as a printable HTML page.

The ZIP is written under a temporary name in the same directory and moved into place with
``os.replace`` once complete and flushed, so the final name only ever holds a whole file.
"""

from __future__ import annotations

import shutil
import uuid
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.files import File
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Page

from campaign.stories.templatetags.stories_tags import story_help_url
from sid import storage
from sitecontent.library.files import choose_file
from sitecontent.library.vocabulary import FORMATS
from sitecontent.models import GuidePage, RegionPage, ResourceFile, ResourcePage
from themes.loader import template_names
from translations.core.fallback import region_fallbacks
from translations.core.languages import RTL_LANGUAGES

from .models import PackBuild
from .models.builds import packs_storage, scratch_dir

TEMP_PREFIX = ".part-"


class PackContentChanged(Exception):
    """An item was unpublished or republished since the build was requested."""


@dataclass
class PackEntry:
    number: int
    title: str
    summary: str
    kind: str
    licence: str
    source: str
    source_url: str
    file_path: str = ""
    file_language: str = ""
    is_fallback: bool = False
    guide_path: str = ""
    card_path: str = ""
    item_language: str = ""


def load_pages(build: PackBuild) -> list:
    """The build's pages, checked against the revisions it was requested for."""
    wanted = {page_id: revision_id for page_id, revision_id in build.items}
    pages = {page.pk: page for page in Page.objects.filter(pk__in=list(wanted)).live().public().specific()}
    for page_id, revision_id in wanted.items():
        page = pages.get(page_id)
        if page is None or page.live_revision_id != revision_id:
            raise PackContentChanged(page_id)
    return [pages[page_id] for page_id, _revision in build.items]


def _prefetch(pages):
    """Files per page and each page's region fallback rules, in two queries for the pack."""
    files_by_page: dict[int, list] = {}
    for file in ResourceFile.objects.filter(page_id__in=[p.pk for p in pages]).select_related("document"):
        files_by_page.setdefault(file.page_id, []).append(file)
    regions = list(RegionPage.objects.all())
    rules_by_page = {}
    for page in pages:
        region = next((r for r in regions if page.path.startswith(r.path)), None)
        rules_by_page[page.pk] = region.parsed_fallback_rules() if region else None
    return files_by_page, rules_by_page


def _arcname(number: int, page, language: str, is_fallback: bool, extension: str) -> str:
    stem = f"{number:02d}-{slugify(page.slug)[:60] or page.pk}"
    marker = f".fallback-{language}" if is_fallback else f".{language}"
    return f"files/{stem}{marker}.{extension or 'bin'}"


def _copy_into(zf: zipfile.ZipFile, arcname: str, field_file) -> None:
    # Stream through the storage API: works for local disk and shared storage alike.
    field_file.open("rb")
    try:
        with zf.open(arcname, "w") as target:
            shutil.copyfileobj(field_file, target, 1024 * 1024)
    finally:
        field_file.close()


def write_pack(build: PackBuild, on_progress=None) -> tuple[str, int]:
    """Build the ZIP in local scratch space, then store it in the "packs" storage under
    ``build.file_name``. Returns that name and the size."""
    pages = load_pages(build)
    language = build.language
    files_by_page, rules_by_page = _prefetch(pages)
    temporary = scratch_dir() / f"{TEMP_PREFIX}{build.key}-{uuid.uuid4().hex}.zip"
    entries: list[PackEntry] = []
    try:
        with translation.override(language), zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as zf:
            for number, page in enumerate(pages, start=1):
                with region_fallbacks(rules_by_page.get(page.pk)):
                    entry = PackEntry(
                        number=number,
                        title=page.title,
                        summary=page.summary,
                        kind=_kind(page),
                        licence=page.get_licence_display(),
                        source=page.source,
                        source_url=page.source_url,
                    )
                    if isinstance(page, ResourcePage):
                        chosen, is_fallback = choose_file(
                            page, language, files=files_by_page.get(page.pk, []), rules=rules_by_page.get(page.pk)
                        )
                        if chosen is not None:
                            extension = chosen.document.file_extension.lower()
                            entry.file_path = _arcname(number, page, chosen.language, is_fallback, extension)
                            entry.file_language = chosen.language
                            entry.is_fallback = is_fallback
                            _copy_into(zf, entry.file_path, chosen.document.file)
                    elif isinstance(page, GuidePage):
                        entry.guide_path = f"guides/{number:02d}-{slugify(page.slug)[:60] or page.pk}.html"
                        zf.writestr(entry.guide_path, render_guide(page, language))
                    elif page.get_library_format() == "case_card":
                        # A printable card per page: the story as published, questions, help.
                        entry.card_path = f"cards/{number:02d}-{slugify(page.slug)[:60] or page.pk}.html"
                        zf.writestr(entry.card_path, render_case_card(page, language))
                entries.append(entry)
                if on_progress is not None:
                    on_progress(number)
            zf.writestr("index.html", render_index(build, entries, language))
        size = temporary.stat().st_size
        with open(temporary, "rb") as handle:
            name = storage.replace(packs_storage(), build.file_name, File(handle, name=build.file_name))
    finally:
        temporary.unlink(missing_ok=True)
    return name, size


def _kind(page) -> str:
    if isinstance(page, ResourcePage):
        return page.get_format_display()
    if isinstance(page, GuidePage):
        return _("Good-practice guide")
    return str(dict(FORMATS).get(page.get_library_format(), ""))


def _direction(language: str) -> str:
    return "rtl" if language in RTL_LANGUAGES else "ltr"


def render_index(build: PackBuild, entries: list[PackEntry], language: str) -> str:
    pack_title = build.pack.title if build.pack_id and build.pack else _("Your Safer Internet Day pack")
    return render_to_string(
        template_names("packs/zip_index.html"),
        {
            "entries": entries,
            "pack_title": pack_title,
            "language": language,
            "direction": _direction(language),
            "fallback_count": sum(1 for e in entries if e.is_fallback),
        },
    )


def render_case_card(page, language: str) -> str:
    help_path = story_help_url(page.country)
    return render_to_string(
        template_names("packs/zip_case_card.html"),
        {
            "page": page,
            "language": language,
            "direction": _direction(language),
            "help_url": settings.SITE_BASE_URL.rstrip("/") + help_path if help_path else "",
        },
    )


def render_guide(page, language: str) -> str:
    return render_to_string(
        template_names("packs/zip_guide.html"),
        {"page": page, "language": language, "direction": _direction(language)},
    )
