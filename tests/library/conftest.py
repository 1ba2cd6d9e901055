import shutil
import tempfile

import pytest

from tests.factories import build_site_tree

from . import factories as f


@pytest.fixture(autouse=True)
def packs_root(settings):
    root = tempfile.mkdtemp(prefix="sid-packs-")
    settings.SID_PACKS_ROOT = root
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def library_tree(db):
    """Site tree + libraries (global, eu, latam) + topics + a few resources and a guide."""
    tree = build_site_tree()
    tree.topics = {
        "grooming": f.topic("grooming", {"en": "Grooming", "fr": "Pédopiégeage", "es": "Grooming"}),
        "privacy": f.topic("privacy", {"en": "Privacy and personal data", "fr": "Vie privée"}),
    }
    tree.global_library = f.library(tree.home, "All material", slug="library")
    tree.libraries = {
        "eu": f.library(tree.regions["eu"], "Library", slug="library"),
        "latam": f.library(tree.regions["latam"], "Biblioteca", slug="biblioteca"),
    }
    eu = tree.libraries["eu"]
    tree.fr_grooming = f.resource(
        eu,
        {
            "en": {"title": "Spotting grooming", "summary": "How groomers build trust."},
            "fr": {"title": "Repérer le pédopiégeage", "summary": "Comment un prédateur gagne la confiance."},
        },
        files={"en": b"english file", "fr": b"fichier francais"},
        topics=[tree.topics["grooming"]],
        ages=["9-12"],
    )
    tree.en_only = f.resource(
        eu,
        {"en": {"title": "Privacy basics", "summary": "Keep your data yours. Nothing about it is French."}},
        files={"en": b"english only"},
        topics=[tree.topics["privacy"]],
        ages=["13-15"],
        format="poster",
    )
    tree.latam_es = f.resource(
        tree.libraries["latam"],
        {
            "en": {"title": "Grooming talk", "summary": "Talk."},
            "es": {"title": "Hablar del grooming", "summary": "Cómo hablar."},
        },
        files={"es": b"archivo"},
        topics=[tree.topics["grooming"]],
        ages=["9-12"],
    )
    tree.draft = f.resource(
        eu,
        {"en": {"title": "Secret draft", "summary": "Unpublished plans zebra."}},
        files={"en": b"draft"},
        publish=False,
    )
    tree.guide = f.guide(
        eu,
        {
            "en": {"title": "Talking about grooming", "summary": "A guide for class."},
            "fr": {"title": "Parler du pédopiégeage", "summary": "Un guide pour la classe."},
        },
        topics=[tree.topics["grooming"]],
    )
    return tree
