import pytest


@pytest.mark.django_db
def test_home_renders_in_french(client, site_tree):
    response = client.get("/fr/")
    assert response.status_code == 200
    assert "Journée pour un Internet plus sûr" in response.content.decode()
