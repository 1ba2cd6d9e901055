"""load_demo_content builds a believable multilingual site and is safe to re-run."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

from sitecontent.models import HomePage, RegionPage
from translations.core.availability import available_languages


@pytest.mark.django_db
def test_demo_content_is_complete_and_idempotent(client):
    call_command("load_demo_content", verbosity=0)
    counts = (Page.objects.count(), get_user_model().objects.count())
    call_command("load_demo_content", verbosity=0)
    assert (Page.objects.count(), get_user_model().objects.count()) == counts

    home = HomePage.objects.get()
    assert Site.objects.get(is_default_site=True).root_page_id == home.pk
    regions = {r.short_code: r for r in RegionPage.objects.child_of(home)}
    assert {"eu", "latam", "apac"} <= set(regions)
    assert regions["eu"].network_name == "Insafe" and regions["latam"].network_name == "RedNATIC"
    assert regions["latam"].source_language == "es"

    languages_used = set()
    for region in regions.values():
        pages = Page.objects.descendant_of(region, inclusive=True).live()
        region_languages = set().union(*(available_languages(p) for p in pages))
        assert len(region_languages) >= 4, (region.short_code, region_languages)
        languages_used |= region_languages
    assert {"ar", "zh-hans", "ja"} & languages_used >= {"ar"}
    assert languages_used & {"zh-hans", "ja"}

    User = get_user_model()
    for code in regions:
        for role in ("coordinator", "moderator"):
            user = User.objects.get(username=f"{code}-{role}")
            assert user.check_password("safer-internet-demo")
            assert user.groups.filter(name=f"{code} {role}s").exists()
            # Complete profiles (Wagtail's account settings require both names), and the
            # admin opens in the region's source language.
            assert user.first_name and user.last_name
            assert UserProfile.get_for_user(user).preferred_language == regions[code].source_language
    assert User.objects.get(username="admin").is_superuser

    assert "América Latina" in client.get("/es/america-latina/").content.decode()
    assert "أفريقيا والشرق الأوسط" in client.get("/ar/africa-middle-east/").content.decode()
    assert "亚太地区" in client.get("/zh-hans/asia-pacific/").content.decode()


@pytest.mark.django_db
def test_demo_content_refuses_to_run_outside_development(settings):
    from django.core.management.base import CommandError

    settings.SID_ALLOW_DEMO_CONTENT = False
    with pytest.raises(CommandError, match="Refusing"):
        call_command("load_demo_content", verbosity=0)
