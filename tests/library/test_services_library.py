"""The library and pack views on PostgreSQL: hostile query strings never reach the database
as something it refuses (PostgreSQL rejects NUL characters in text, SQLite does not).

Run with ``pytest -m services`` (DATABASE_URL and REDIS_URL set).
"""

import pytest
from django.test import Client
from django.utils import translation

from tests.library import factories as f

pytestmark = [pytest.mark.services, pytest.mark.django_db]

NUL = "\x00"


@pytest.fixture
def tree():
    translation.activate("en")
    return f.build_library_tree()


def test_nul_characters_in_library_and_pack_parameters_never_fail(tree):
    client = Client()
    pk = tree.fr_grooming.pk
    library = "/fr/europe/library/"
    for params in (
        {"q": f"conf{NUL}iance"},
        {"q": NUL},
        {"topic": f"grooming{NUL}"},
        {"pick": [f"{pk}{NUL}", NUL, str(pk)], "build": "1", "stay": NUL},
        {"remove": NUL, "pack_language": NUL, "page": NUL},
    ):
        response = client.get(library, params)
        assert response.status_code == 200, params
    found = client.get(library, {"q": f"conf{NUL}iance"}).content.decode()
    assert "Repérer le pédopiégeage" in found  # the NUL is dropped, the word still found
    assert client.get("/fr/packs/", {"region": f"eu{NUL}"}).status_code == 200
    assert client.get("/fr/packs/builds/" + "0" * 64 + "/", {"pack": NUL}).status_code == 404
    response = client.post("/fr/packs/request/", {"pack": f"x{NUL}", "language": "fr"})
    assert response.status_code == 404
    response = client.post("/fr/packs/request/", {"item": [f"{pk}{NUL}"], "language": f"fr{NUL}"})
    assert response.status_code == 400
