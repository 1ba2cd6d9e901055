"""Branding comes from Wagtail settings (site) and region pages, in every language."""

import pytest
from django.urls import reverse
from modeltranslation.utils import build_localized_fieldname
from wagtail.models import Site

from tests.factories import PASSWORD
from themes.models import BrandingSettings
from translations.core.languages import LANGUAGE_CODES


@pytest.mark.django_db
def test_branding_settings_form_edits_every_language_and_the_site_shows_it(client, site_tree):
    site = Site.objects.get(is_default_site=True)
    client.login(username="admin", password=PASSWORD)
    url = reverse("wagtailsettings:edit", args=("themes", "brandingsettings", site.pk))
    data = {"theme": "default", "primary_colour": "#0b6e4f", "accent_colour": "#8a1c4f"}
    for code in LANGUAGE_CODES:
        data[build_localized_fieldname("site_name", code)] = f"SID-{code}"
        data[build_localized_fieldname("slogan", code)] = ""
    data[build_localized_fieldname("slogan", "ar")] = "معًا من أجل إنترنت أفضل"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    arabic = client.get("/ar/").content.decode()
    assert "SID-ar" in arabic and "معًا من أجل إنترنت أفضل" in arabic
    assert "--brand:#0b6e4f" in client.get("/ja/").content.decode()
    assert "SID-ja" in client.get("/ja/").content.decode()


@pytest.mark.django_db
def test_unsafe_brand_colour_is_refused_with_a_clear_message(client, site_tree):
    site = Site.objects.get(is_default_site=True)
    client.login(username="admin", password=PASSWORD)
    url = reverse("wagtailsettings:edit", args=("themes", "brandingsettings", site.pk))
    response = client.post(
        url,
        {
            "theme": "default",
            "primary_colour": "#ffff66",
            "accent_colour": "#8a1c4f",
            build_localized_fieldname("site_name", "en"): "SID",
        },
    )
    assert response.status_code == 200
    assert "contrast" in response.content.decode()
    assert BrandingSettings.for_site(site).primary_colour != "#ffff66"


@pytest.mark.django_db
def test_region_colours_override_site_colours_on_the_region_subtree(client, site_tree):
    region = site_tree.regions["latam"]
    region.primary_colour = "#0b6e4f"
    region.save_revision().publish()
    assert "--brand:#0b6e4f" in client.get("/es/america-latina/").content.decode()
    assert "--brand:#0b6e4f" not in client.get("/en/europe/").content.decode()
