"""The impact dashboard: figures from the beat task's aggregates, small cells suppressed in
the page, every chart and both exports; region scope through the one policy."""

import csv
import io
import re

import openpyxl
import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import translation

from campaign.editions.models import Edition
from campaign.packs.models import CuratedPack
from campaign.reach.models import DailyFigure
from campaign.reach.tasks import queue_refresh
from outbox.models import OutboxMessage
from sid import counters
from tests import replay
from tests.events.factories import EventCalendarPageFactory, make_event
from tests.factories import build_site_tree

pytestmark = pytest.mark.django_db
FEWER = "fewer than 5"
EVIL = '=HYPERLINK("http://x","y")'


@pytest.fixture
def figures(django_capture_on_commit_callbacks, client):
    translation.activate("en")
    # The counters are in the cache: every test starts from none, so the figures are built
    # once per test process and replayed after (tests/replay.py) on the same cache.
    cache.clear()
    return replay.built("reach_figures", lambda: _figures(client, django_capture_on_commit_callbacks))


def _figures(client, django_capture_on_commit_callbacks):
    tree = build_site_tree()
    edition = Edition.objects.create(year=2027, theme="Together")
    eu = EventCalendarPageFactory(parent=tree.regions["eu"], title="Events", slug="events")
    latam = EventCalendarPageFactory(parent=tree.regions["latam"], title="Eventos", slug="eventos")
    for calendar, code, total in ((eu, "BE", 6), (eu, "FR", 2), (latam, "MX", 7)):
        for index in range(total):
            make_event(calendar, title=f"{code} {index}", country=code, edition=edition, audience=["teachers"])
    pack = CuratedPack.objects.create(region=tree.regions["eu"], title=EVIL, slug="evil")
    for _index in range(6):
        counters.count(counters.PACK_DOWNLOADS, counters.pack_key(pack.pk, "fr"))
    for path, times in (("/en/help/be/", 7), ("/en/help/fr/", 2)):
        for _index in range(times):
            assert client.get(path).status_code == 200
    # The beat task queues the refresh through the outbox; the worker (eager here) runs it.
    with django_capture_on_commit_callbacks(execute=True):
        queue_refresh.apply()
    assert OutboxMessage.objects.filter(task="campaign.reach.tasks.refresh_figures", state="done").exists()
    return tree


def _table(html: str, slug: str) -> dict[str, str]:
    section = html.split(f'id="chart-{slug}-heading"')[1].split("</section>")[0]
    table = section.split("<tbody>")[1]
    return dict(re.findall(r'<th scope="row">(.*?)</th>\s*<td>(.*?)</td>', table, re.S))


def _chart(html: str, slug: str) -> str:
    return html.split(f'id="chart-{slug}-heading"')[1].split("</svg>")[0]


def test_coordinator_sees_own_region_with_small_cells_suppressed(client, figures):
    client.force_login(figures.users["eu-coordinator"])
    html = client.get(reverse("reach:dashboard") + "?edition=2027").content.decode()
    events = _table(html, "events-country")
    assert events == {"Belgium": "6", "France": FEWER}  # not Mexico: another region
    assert _table(html, "help-visits") == {"Belgium": "7", "France": FEWER}
    assert _table(html, "downloads-language") == {"French": "6"}
    assert _table(html, "events-audience") == {"Teachers and educators": "8"}
    # The chart says the same, and never draws the suppressed figure at its length.
    chart = _chart(html, "events-country")
    assert "<title" in chart and FEWER in chart and ">6<" in chart and ">2<" not in chart
    assert chart.count("reach-chart__suppressed") == 1
    for slug in ("events-country", "help-visits"):
        assert ">2<" not in _chart(html, slug)


def test_exports_suppress_and_neutralise_formulas(client, figures):
    client.force_login(figures.users["eu-coordinator"])
    response = client.get(reverse("reach:export", args=["csv"]) + "?edition=2027")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    by_item = {(row[0], row[1]): row[2] for row in rows[1:]}
    assert by_item[("Events by country", "France")] == FEWER
    assert by_item[("Events by country", "Belgium")] == "6"
    assert by_item[("Help page visits by country", "France")] == FEWER
    assert ("Events by country", "Mexico") not in by_item
    assert by_item[("Pack downloads by pack", "'" + EVIL)] == "6"
    response = client.get(reverse("reach:export", args=["xlsx"]) + "?edition=2027")
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = {(row[0], row[1]): row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert cells[("Events by country", "France")] == FEWER and cells[("Events by country", "Belgium")] == 6
    assert ("Pack downloads by pack", "'" + EVIL) in cells
    assert not any(str(value).startswith("=") for row in sheet.iter_rows(values_only=True) for value in row if value)


def test_scope_administrator_all_moderator_none(client, figures, settings):
    client.force_login(figures.users["admin"])
    html = client.get(reverse("reach:dashboard") + "?edition=2027").content.decode()
    assert _table(html, "events-country") == {"Mexico": "7", "Belgium": "6", "France": FEWER}
    for user in ("eu-moderator", "latam-moderator"):
        client.force_login(figures.users[user])
        for url in (reverse("reach:dashboard"), reverse("reach:export", args=["csv"])):
            response = client.get(url)
            # Wagtail answers a refused admin view with its "no permission" redirect.
            assert response.status_code in (302, 403) and b"Belgium" not in response.content
            assert response.status_code == 403 or response["Location"] == "/admin/"
    client.force_login(figures.users["latam-coordinator"])
    html = client.get(reverse("reach:dashboard") + "?edition=2027").content.decode()
    assert _table(html, "events-country") == {"Mexico": "7"}
    # The threshold is a setting: at 2, France's two events are shown.
    settings.SID_REACH_MIN_CELL = 2
    client.force_login(figures.users["eu-coordinator"])
    html = client.get(reverse("reach:dashboard") + "?edition=2027").content.decode()
    assert _table(html, "events-country")["France"] == "2"


def test_counting_writes_nothing_on_the_request_and_the_flush_keeps_later_counts(client, figures):
    before = DailyFigure.objects.count()
    assert client.get("/en/help/de/").status_code == 200
    assert DailyFigure.objects.count() == before  # only the cache counter moved
    response = client.get("/en/help/de/")
    assert not response.cookies


def test_a_large_export_is_built_by_a_worker_with_progress(
    client, figures, settings, django_capture_on_commit_callbacks
):
    settings.SID_REACH_EXPORT_SYNC_ROWS = 0  # every export counts as large here
    client.force_login(figures.users["eu-coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(reverse("reach:export", args=["xlsx"]) + "?edition=2027")
    assert response.status_code == 302
    status_url = response["Location"]
    html = client.get(status_url).content.decode()
    assert 'role="status"' in html and "100 %" in html and "/download/" in html
    job_id = int(status_url.rstrip("/").split("/")[-1])
    response = client.get(reverse("reach:export_download", args=[job_id]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    cells = {(row[0], row[1]): row[2] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert cells[("Events by country", "France")] == FEWER and cells[("Events by country", "Belgium")] == 6
    assert OutboxMessage.objects.filter(task="campaign.reach.tasks.build_export", state="done").exists()
    # Someone else's export: not theirs to see, even an administrator's.
    for user in ("latam-coordinator", "admin"):
        client.force_login(figures.users[user])
        for url in (status_url, reverse("reach:export_download", args=[job_id])):
            response = client.get(url)
            assert response.status_code in (302, 403) and b"PK" not in response.content
            assert response.status_code == 403 or response["Location"] == "/admin/"
