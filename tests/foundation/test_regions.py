"""Region configuration: fallback rules, branding colours, groups kept in step."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from wagtail.models import GroupPagePermission

from sitecontent.regions import ensure_region_access
from themes.colour import contrast_ratio, validate_brand_colour
from translations.core.fallback import parse_rules
from translations.core.languages import LANGUAGE_CODES


def test_fallback_rules_parse_and_reject_bad_lines_with_clear_messages():
    assert parse_rules("pt: es, en\n\nsw: en", LANGUAGE_CODES) == {"pt": ("es", "en"), "sw": ("en",)}
    with pytest.raises(ValueError, match="Line 1"):
        parse_rules("pt es en", LANGUAGE_CODES)
    with pytest.raises(ValueError, match="unknown language code"):
        parse_rules("pt: xx", LANGUAGE_CODES)
    with pytest.raises(ValueError, match="itself"):
        parse_rules("pt: pt", LANGUAGE_CODES)


def test_brand_colours_must_keep_white_text_readable():
    validate_brand_colour("#1a4f8b")
    assert contrast_ratio("#ffffff", "#000000") == pytest.approx(21.0)
    with pytest.raises(ValidationError):
        validate_brand_colour("#ffff00")  # yellow: white text unreadable
    with pytest.raises(ValidationError):
        validate_brand_colour("blue")


@pytest.mark.django_db
def test_region_clean_reports_invalid_fallbacks_and_main_language(site_tree):
    region = site_tree.regions["latam"]
    region.fallback_rules = "pt - es"
    with pytest.raises(ValidationError) as error:
        region.full_clean()
    assert "fallback_rules" in error.value.message_dict
    region.fallback_rules = ""
    region.default_language = "ja"
    with pytest.raises(ValidationError) as error:
        region.full_clean()
    assert "default_language" in error.value.message_dict


@pytest.mark.django_db
def test_region_access_is_idempotent_and_scoped_to_the_region(site_tree):
    region = site_tree.regions["eu"]
    before = (Group.objects.count(), GroupPagePermission.objects.count())
    ensure_region_access(region)
    ensure_region_access(region)
    assert (Group.objects.count(), GroupPagePermission.objects.count()) == before
    permissions = GroupPagePermission.objects.filter(group__name="eu coordinators")
    assert {p.page_id for p in permissions} == {region.pk}
    assert {p.permission.codename for p in permissions} == {"add_page", "change_page", "publish_page", "lock_page"}
    moderator_permissions = GroupPagePermission.objects.filter(group__name="eu moderators")
    # Moderators moderate through their workflow task; they hold no page permission.
    assert not moderator_permissions.exists()


@pytest.mark.django_db
def test_publishing_a_new_region_creates_its_groups(site_tree):
    from tests.factories import RegionPageFactory

    region = RegionPageFactory(parent=site_tree.home, short_code="oc", title="Oceania", slug="oceania")
    assert not Group.objects.filter(name="oc coordinators").exists()
    region.save_revision().publish()
    assert Group.objects.filter(name__in=["oc coordinators", "oc moderators"]).count() == 2
