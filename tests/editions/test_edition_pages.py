import datetime
from unittest import mock

import pytest
from django.utils import timezone

from campaign.editions.models import Edition
from tests.factories import build_site_tree
from translations.core.tooling import set_translations


@pytest.fixture
def editions(db):
    tree = build_site_tree()
    e27 = Edition(year=2027, theme="Together for a better internet", slogan="Be kind online")
    set_translations(
        e27,
        {
            "en": {"theme": "Together for a better internet", "key_messages": "Ask for help\nBe kind"},
            "ar": {"theme": "معًا من أجل إنترنت أفضل", "key_messages": "اطلب المساعدة"},
            "ja": {"theme": "より良いインターネットのために", "key_messages": "助けを求めよう"},
        },
    )
    e27.save()
    Edition.objects.create(year=2025, theme="Past theme", message_after="What a day it was")
    return tree


def _now(year, month, day, hour):
    return datetime.datetime(year, month, day, hour, tzinfo=datetime.UTC)


@pytest.mark.parametrize(
    "language,theme",
    [
        ("en", "Together for a better internet"),
        ("ar", "معًا من أجل إنترنت أفضل"),
        ("ja", "より良いインターネットのために"),
    ],
)
def test_home_shows_theme_and_countdown(client, editions, language, theme):
    with mock.patch.object(timezone, "now", return_value=_now(2027, 1, 30, 12)):
        html = client.get(f"/{language}/").content.decode()
    assert theme in html
    assert 'data-phase="before"' in html
    assert "2027-02-09" in html
    if language == "en":
        assert "10 days to go" in html


def test_region_page_counts_in_the_regions_time_zone(client, editions):
    # 8 Feb 20:00 UTC: already the day in Tokyo (Asia-Pacific), not yet in Brussels.
    with mock.patch.object(timezone, "now", return_value=_now(2027, 2, 8, 20)):
        apac = client.get("/en/asia-pacific/").content.decode()
        europe = client.get("/en/europe/").content.decode()
    assert 'data-phase="day"' in apac and "Today is Safer Internet Day!" in apac
    assert 'data-phase="week"' in europe and "1 day to go" in europe
    assert "Asia/Tokyo" in apac


def test_archive_lists_past_editions_and_detail_looks_back(client, editions):
    for language in ("en", "ar", "ja"):
        html = client.get(f"/{language}/editions/").content.decode()
        assert "/editions/2025/" in html and "/editions/2027/" in html
    detail = client.get("/en/editions/2025/").content.decode()
    assert "Past theme" in detail and "What a day it was" in detail
    assert "2025-02-11" in detail
    assert client.get("/en/editions/1999/").status_code == 404
