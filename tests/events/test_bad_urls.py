"""Garbage in query strings and paths: a clear answer (the page with an explanation, or 404), never a 500."""

import pytest

pytestmark = pytest.mark.django_db

VIEWS = ("", "month/", "month/2027/2/", "on-the-day/", "countries/", "map/", "feed/")
QUERIES = (
    "page=abc",
    "page=0",
    "page=-3",
    "page=99999999999999999999999",
    "page=1e3",
    "page=%00",
    "date_from=garbage",
    "date_from=0001-01-01",
    "date_to=9999-12-31",
    "date_from=0001-01-01&date_to=0001-01-02",
    "date_from=9999-12-30&date_to=9999-12-31",
    "date_from=2027-02-31",
    "country=XX",
    "country=%00",
    "audience=nobody&language=klingon&format=teleport",
    "month=garbage&year=garbage",
    "edition=garbage",
    "edition=99999999999999999999&edition=1999",
)


@pytest.mark.parametrize("query", QUERIES)
def test_calendar_views_never_fail_on_bad_query_strings(client, events, query):
    # The global calendar counts in UTC, Asia-Pacific far east of it, Latin America west.
    for calendar in ("/en/calendar/", "/en/asia-pacific/events/", "/en/latin-america/events/"):
        for view in VIEWS:
            response = client.get(f"{calendar}{view}?{query}")
            assert response.status_code == 200, (calendar, view, query, response.status_code)


def test_far_dates_are_explained(client, events):
    html = client.get("/en/calendar/?date_to=9999-12-31").content.decode()
    assert "Choose a date between 2000 and 2100." in html and "Brussels workshop" in html


@pytest.mark.parametrize(
    "path",
    [
        "/en/calendar/month/0000/0/",
        "/en/calendar/month/2027/00/",
        "/en/calendar/month/2027/13/",
        "/en/calendar/month/9999/1/",
        "/en/calendar/month/2027/999999999999999999999/",
        "/en/editions/0/",
        "/en/editions/99999999999999999999999/",
        "/en/events/submissions/%00/",
        "/en/help/zz/",
    ],
)
def test_bad_paths_are_404(client, events, path):
    assert client.get(path).status_code == 404, path
