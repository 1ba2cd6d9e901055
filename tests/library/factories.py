"""Library and pack test data: topics, libraries, resources with files per language, guides."""

from __future__ import annotations

import itertools

from django.core.files.base import ContentFile
from django.utils import translation
from wagtail.documents import get_document_model
from wagtail.models import Collection

from campaign.packs.models import CuratedPack, CuratedPackItem
from sitecontent.models import GuidePage, ResourceFile, ResourceIndexPage, ResourcePage, Topic
from tests import replay
from tests.factories import build_site_tree
from translations.core.tooling import set_translations

_numbers = itertools.count(1)


def topic(slug: str, names: dict[str, str]) -> Topic:
    item = Topic(slug=slug)
    set_translations(item, {code: {"name": name} for code, name in names.items()})
    item.save()
    return item


def document(title: str, content: bytes, extension: str = "txt"):
    Document = get_document_model()
    doc = Document(title=title, collection=Collection.get_first_root_node())
    doc.file.save(f"{title.lower().replace(' ', '-')}.{extension}", ContentFile(content), save=False)
    doc._set_document_file_metadata()  # size and hash, as the admin's upload form does
    doc.save()
    return doc


def library(parent, title="Library", slug=None, translations=None) -> ResourceIndexPage:
    with translation.override("en"):
        page = ResourceIndexPage(title=title, slug=slug or f"library-{next(_numbers)}")
        if translations:
            set_translations(page, translations)
        parent.add_child(instance=page)
        page.save_revision().publish()
    page.refresh_from_db()
    return page


def resource(
    index,
    texts: dict[str, dict],
    *,
    files: dict[str, bytes] | None = None,
    audiences=("teachers",),
    ages=("9-12",),
    topics=(),
    format="lesson_plan",
    publish=True,
    slug=None,
    **fields,
) -> ResourcePage:
    """``texts`` is {"en": {"title": …, "summary": …}, "fr": {…}}; files {"fr": b"…"}."""
    number = next(_numbers)
    english = texts.get("en") or next(iter(texts.values()))
    translation.activate("en")  # constructors write the active language's columns
    page = ResourcePage(
        title=english["title"],
        slug=slug or f"resource-{number}",
        summary=english.get("summary", ""),
        audiences=list(audiences),
        age_bands=list(ages),
        format=format,
        **fields,
    )
    with translation.override("en"):
        set_translations(page, texts)
        page.title = english["title"]
        page.summary = english.get("summary", "")
        for code, content in (files or {}).items():
            doc = document(f"{english['title']} {code} {number}", content)
            page.files.add(ResourceFile(language=code, document=doc))
        page.topics.set(list(topics))
        page.live = publish  # a draft, as the admin creates it
        index.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
    page.refresh_from_db()
    return page


def guide(index, texts: dict[str, dict], *, body=None, topics=(), ages=("9-12",), publish=True) -> GuidePage:
    number = next(_numbers)
    english = texts.get("en") or next(iter(texts.values()))
    translation.activate("en")  # constructors write the active language's columns
    page = GuidePage(
        title=english["title"], slug=f"guide-{number}", summary=english.get("summary", ""), age_bands=list(ages)
    )
    with translation.override("en"):
        set_translations(page, texts)
        page.title = english["title"]
        page.summary = english.get("summary", "")
        page.body = body or [
            ("step", {"title": "Listen", "text": "<p>Let them speak.</p>"}),
            (
                "case_study",
                {"title": "Sam", "story": "<p>Sam meets someone online.</p>", "questions": ["What should Sam do?"]},
            ),
        ]
        page.topics.set(list(topics))
        page.live = publish
        index.add_child(instance=page)
        revision = page.save_revision()
        if publish:
            revision.publish()
    page.refresh_from_db()
    return page


def curated_pack(region, title, pages, slug=None) -> CuratedPack:
    pack = CuratedPack(region=region, title=title, slug=slug or f"pack-{next(_numbers)}")
    for order, page in enumerate(pages):
        pack.items.add(CuratedPackItem(page=page, sort_order=order))
    pack.save()
    return pack


def build_library_tree():
    """Site tree + libraries (global, eu, latam) + topics + a few resources and a guide.

    Built once per test process and database state, then replayed (tests/replay.py)."""
    translation.activate("en")
    return replay.built("library_tree", _build_library_tree)


def _build_library_tree():
    tree = build_site_tree()
    tree.topics = {
        "grooming": topic("grooming", {"en": "Grooming", "fr": "Pédopiégeage", "es": "Grooming"}),
        "privacy": topic("privacy", {"en": "Privacy and personal data", "fr": "Vie privée"}),
    }
    tree.global_library = library(tree.home, "All material", slug="library")
    tree.libraries = {
        "eu": library(tree.regions["eu"], "Library", slug="library"),
        "latam": library(tree.regions["latam"], "Biblioteca", slug="biblioteca"),
    }
    eu = tree.libraries["eu"]
    tree.fr_grooming = resource(
        eu,
        {
            "en": {"title": "Spotting grooming", "summary": "How groomers build trust."},
            "fr": {"title": "Repérer le pédopiégeage", "summary": "Comment un prédateur gagne la confiance."},
        },
        files={"en": b"english file", "fr": b"fichier francais"},
        topics=[tree.topics["grooming"]],
        ages=["9-12"],
    )
    tree.en_only = resource(
        eu,
        {"en": {"title": "Privacy basics", "summary": "Keep your data yours. Nothing about it is French."}},
        files={"en": b"english only"},
        topics=[tree.topics["privacy"]],
        ages=["13-15"],
        format="poster",
    )
    tree.latam_es = resource(
        tree.libraries["latam"],
        {
            "en": {"title": "Grooming talk", "summary": "Talk."},
            "es": {"title": "Hablar del grooming", "summary": "Cómo hablar."},
        },
        files={"es": b"archivo"},
        topics=[tree.topics["grooming"]],
        ages=["9-12"],
    )
    tree.draft = resource(
        eu,
        {"en": {"title": "Secret draft", "summary": "Unpublished plans zebra."}},
        files={"en": b"draft"},
        publish=False,
    )
    tree.guide = guide(
        eu,
        {
            "en": {"title": "Talking about grooming", "summary": "A guide for class."},
            "fr": {"title": "Parler du pédopiégeage", "summary": "Un guide pour la classe."},
        },
        topics=[tree.topics["grooming"]],
    )
    return tree
