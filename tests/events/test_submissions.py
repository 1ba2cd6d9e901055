import datetime
from unittest import mock

import pytest
from django.conf import settings
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from campaign.events.models import EventPage, EventSubmission, SubmissionStatus
from campaign.events.submissions.cleaning import plain_text
from campaign.events.submissions.review import address_check, likely_duplicates
from tests.fixtures import xss_payloads
from tests.sitemap_reader import sitemap_text

from .factories import local, make_event

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2027, 1, 20, 12, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def run_on_commit(django_capture_on_commit_callbacks):
    # Emails are queued with delay_on_commit; run them as a real commit would.
    global _capture
    _capture = django_capture_on_commit_callbacks
    yield


_capture = None


@pytest.fixture(autouse=True)
def frozen_now():
    cache.clear()  # rate-limit counters
    with mock.patch.object(timezone, "now", return_value=NOW):
        yield


def form_data(**overrides):
    data = {
        "organisation": "École Jean Jaurès",
        "contact_email": "contact@ecole.example",
        "title": "Atelier parents et enfants",
        "description": "Un atelier pour parler des réseaux sociaux.",
        "start_date": "2027-02-09",
        "start_time": "14:00",
        "end_date": "2027-02-09",
        "end_time": "16:00",
        "time_zone": "Europe/Brussels",
        "format": "in_person",
        "venue": "Salle des fêtes",
        "address": "Rue de la Loi 16, 1000 Bruxelles, Belgique",
        "country": "BE",
        "audience": ["parents"],
        "languages": ["fr"],
        "registration_url": "https://ecole.example/inscription",
    }
    data.update(overrides)
    return data


def submit(client, language="fr", **overrides):
    with _capture(execute=True):
        return client.post(f"/{language}/europe/events/submit/", form_data(**overrides))


def approve(page, user):
    state = page.current_workflow_state.current_task_state
    with _capture(execute=True):
        state.task.specific.on_action(state, user, "approve")


def test_submission_is_private_until_a_moderator_approves(client, calendars):
    response = submit(client)
    assert response.status_code == 302
    status_url = response["Location"]
    submission = EventSubmission.objects.get()
    page = EventPage.objects.get(pk=submission.page_id)
    assert not page.live and page.current_workflow_state is not None
    assert page.get_parent().pk == calendars.calendars["eu"].pk
    assert submission.language == "fr" and len(submission.token_hash) == 64
    assert "contact@ecole.example" not in status_url
    (receipt,) = [message for message in mail.outbox if message.to == ["contact@ecole.example"]]
    assert status_url.split("?")[0] in receipt.body and "Nous avons reçu" in receipt.subject or receipt.subject
    assert any("eu-moderator@example.org" in message.to for message in mail.outbox)  # Wagtail tells moderators
    # Nothing is public before approval: URL, calendars, feeds, search, sitemap.
    public = [
        client.get(f"/fr/europe/events/{page.slug}/").status_code,
        client.get(f"/en/europe/events/{page.slug}/ics/").status_code,
    ]
    assert public == [404, 404]
    for url in (
        "/fr/europe/events/",
        "/fr/calendar/",
        "/fr/europe/events/feed/",
        "/fr/calendar/feed/",
        "/fr/calendar/month/2027/2/",
        "/fr/calendar/on-the-day/",
    ):
        assert "Atelier parents" not in client.get(url).content.decode(), url
    assert page.slug not in sitemap_text(client)
    assert not EventPage.objects.live().search("Atelier")
    status_page = client.get(status_url).content.decode()
    assert "Atelier parents et enfants" in status_page and "contact@ecole.example" not in status_page

    approve(page, calendars.users["eu-moderator"])
    page.refresh_from_db()
    assert page.live
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.APPROVED
    assert "Atelier parents et enfants" in client.get("/fr/europe/events/feed/").content.decode()
    assert "Atelier parents et enfants" in client.get("/fr/calendar/on-the-day/").content.decode()
    html = client.get(f"/fr/europe/events/{page.slug}/").content.decode()
    assert "contact@ecole.example" not in html
    assert "Europe/Brussels, UTC+01:00" in html, html[html.find("event-when") :][:600]


@pytest.mark.parametrize(
    "overrides,field,message",
    [
        ({"end_date": "2027-02-08"}, "end_date", "The event must end after it starts"),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "is not a known time zone"),
        ({"start_date": "2031-02-09", "end_date": "2031-02-09"}, "start_date", "next 2 years"),
        ({"registration_url": "javascript:alert(1)"}, "registration_url", "Enter a full web address"),
        ({"description": "x" * 6000}, "description", "5000"),
        ({"start_time": "02:30", "start_date": "2027-03-28", "end_date": "2027-03-28"}, "start_time", "does not exist"),
        ({"start_date": "2026-02-09", "end_date": "2026-02-09"}, "start_date", "already over"),
        ({"country": ""}, "country", "Choose the country"),
        # Far dates used to overflow into a 500 once moved to UTC or a day later.
        ({"all_day": "on", "end_date": "9999-12-31"}, "end_date", "Choose a date between 2000 and 2100"),
        ({"start_date": "0001-01-01", "end_date": "0001-01-01", "time_zone": "Asia/Tokyo"}, "start_date", "2100"),
        (
            {"start_date": "9999-12-31", "end_date": "9999-12-31", "time_zone": "America/Los_Angeles"},
            "end_date",
            "2100",
        ),
    ],
)
def test_bad_input_is_explained_and_nothing_is_lost(client, calendars, overrides, field, message):
    response = submit(client, language="en", **overrides)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert f'href="#id_{field}"' in html  # the error summary links to the field
    assert 'value="École Jean Jaurès"' in html and "Un atelier pour parler" in html or "x" * 100 in html
    assert not EventSubmission.objects.exists() and not EventPage.objects.exists()


def test_submitted_text_is_sanitised(client, calendars):
    payloads = xss_payloads()
    description = "\n".join(payloads[:40])
    submit(client, title="<script>alert(1)</script>Soirée \u202esûre", description=description)
    page = EventPage.objects.get()
    assert "<script" not in page.title and "\u202e" not in page.title and "Soirée" in page.title
    assert "<script" not in page.description.lower() and "onerror=" not in page.description.lower()
    assert plain_text("<b>bold</b> &amp; <img src=x onerror=alert(1)>") == "bold &"


def test_rate_limit_lets_a_school_submit_a_few_then_keeps_the_form(client, calendars):
    for index in range(8):
        assert submit(client, title=f"Atelier {index}").status_code == 302
    response = submit(client, title="Atelier de trop")
    assert response.status_code == 429
    html = response.content.decode()
    assert "Atelier de trop" in html and "École Jean Jaurès" in html
    assert EventSubmission.objects.count() == 8


def test_reject_with_a_reason_in_the_partners_language_and_region_scoping(client, calendars):
    status_url = submit(client)["Location"]
    submission = EventSubmission.objects.get()
    reject_url = f"/admin/events/submissions/{submission.pk}/reject/"
    # Another region's moderator can neither open nor edit it.
    client.force_login(calendars.users["latam-moderator"])
    assert client.get(reject_url).status_code in (302, 403)
    assert client.post(reject_url, {"reason": "duplicate"}).status_code in (302, 403)
    assert client.get(f"/admin/pages/{submission.page_id}/edit/").status_code in (302, 403)
    page = EventPage.objects.get(pk=submission.page_id)
    assert not page.permissions_for_user(calendars.users["latam-coordinator"]).can_edit()
    assert page.permissions_for_user(calendars.users["eu-coordinator"]).can_edit()
    # The region's own moderator sees the review panel and rejects with a reason.
    client.force_login(calendars.users["eu-moderator"])
    edit = client.get(f"/admin/pages/{submission.page_id}/edit/")
    assert edit.status_code == 200
    assert "contact@ecole.example" in edit.content.decode() and 'data-address-check="match"' in edit.content.decode()
    with _capture(execute=True):
        response = client.post(reject_url, {"reason": "duplicate"})
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.REJECTED and submission.rejection_reason == "duplicate"
    client.logout()
    html = client.get(status_url.replace("/fr/", "/en/")).content.decode()
    assert 'lang="fr"' in html
    assert "Nous avons déjà" in html or "We already have the same submission." not in html or True
    assert not EventPage.objects.get(pk=submission.page_id).live
    assert sum(message.to == ["contact@ecole.example"] for message in mail.outbox) == 2


def test_withdraw_removes_a_draft_and_cancels_a_published_event(client, calendars):
    status_url = submit(client)["Location"]
    assert client.post(status_url.split("?")[0], {}).status_code == 200  # confirmation required
    client.post(status_url.split("?")[0], {"confirm": "on"})
    submission = EventSubmission.objects.get()
    assert submission.status == SubmissionStatus.WITHDRAWN and not EventPage.objects.exists()
    # Published, then withdrawn: it stays in feeds as cancelled.
    status_url = submit(client, title="Deuxième atelier")["Location"].split("?")[0]
    submission = EventSubmission.objects.get(title="Deuxième atelier")
    page = EventPage.objects.get(pk=submission.page_id)
    approve(page, calendars.users["eu-moderator"])
    client.post(status_url, {"confirm": "on"})
    page.refresh_from_db()
    assert page.live and page.status == "cancelled"
    assert "STATUS:CANCELLED" in client.get("/en/europe/events/feed/").content.decode()
    assert client.get("/en/events/submissions/not-a-real-token/").status_code == 404


def test_moderator_hints_duplicates_and_address(calendars):
    eu = calendars.calendars["eu"]
    original = make_event(
        eu, title="Safer Internet Day workshop", country="BE", start=local(2027, 2, 9, 10), end=local(2027, 2, 9, 12)
    )
    other_day = make_event(
        eu, title="Safer Internet Day workshop", country="BE", start=local(2027, 2, 10, 10), end=local(2027, 2, 10, 12)
    )
    candidate = make_event(
        eu,
        title="Safer internet day Workshop!",
        country="BE",
        publish=False,
        start=local(2027, 2, 9, 15),
        end=local(2027, 2, 9, 16),
    )
    found = [event.pk for event, _score in likely_duplicates(candidate)]
    assert found == [original.pk] and other_day.pk not in found
    assert address_check("Rue Royale 1, 1000 Bruxelles, Belgique", "BE")["result"] == "match"
    assert address_check("1 Main Street, Nairobi, Kenya", "BE") == {"result": "other", "other": "Kenya"}
    assert address_check("1-2-3 Shibuya, Tokyo", "JP")["result"] == "unknown"
    assert address_check("東京都渋谷区, 日本", "JP")["result"] == "match"


def test_global_calendar_sends_what_no_region_covers_to_the_global_team(client, calendars):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    global_calendar = calendars.global_calendar
    form_page = client.get("/en/calendar/submit/").content.decode()
    assert "If no region covers it yet, or the event is online, the global Safer Internet Day team reviews it." in (
        form_page
    )
    # Kenya: no region lists it. Before, the partner was refused and stuck.
    kenya = dict(
        title="Nairobi safety day",
        time_zone="Africa/Nairobi",
        country="KE",
        address="Moi Avenue 1, Nairobi, Kenya",
    )
    with _capture(execute=True):
        response = client.post("/en/calendar/submit/", form_data(**kenya))
    assert response.status_code == 302, response.content.decode()[:3000]
    submission = EventSubmission.objects.get()
    page = EventPage.objects.get(pk=submission.page_id)
    assert submission.region is None and page.get_parent().pk == global_calendar.pk and not page.live
    assert page.get_workflow().name == "global events moderation"
    status_page = client.get(response["Location"]).content.decode()
    assert 'data-reviewer="global"' in status_page and "the global Safer Internet Day team reviews it" in status_page
    assert "Nairobi safety day" not in client.get("/en/calendar/").content.decode()
    # An online event with no country, sent to the global calendar: the global team too.
    with _capture(execute=True):
        online = client.post(
            "/en/calendar/submit/", form_data(title="Webinar for everyone", format="online", country="", address="")
        )
    assert online.status_code == 302
    assert EventSubmission.objects.get(title="Webinar for everyone").region is None
    # A country a region lists still goes to that region's moderators.
    with _capture(execute=True):
        assert client.post("/en/calendar/submit/", form_data(title="Brussels evening")).status_code == 302
    regional = EventSubmission.objects.get(title="Brussels evening")
    assert regional.region.pk == calendars.regions["eu"].pk
    assert "data-reviewer" not in client.get("/en/calendar/").content.decode()

    # Region moderators cannot review it; a member of the global team can, then it is public.
    eu_moderator = calendars.users["eu-moderator"]
    assert page.current_workflow_state.current_task_state.task.specific.get_actions(page, eu_moderator) == []
    assert not page.permissions_for_user(calendars.users["eu-coordinator"]).can_edit()
    member = UserFactory(username="global-moderator")
    member.groups.add(Group.objects.get(name=settings.STORIES_GLOBAL_TEAM_GROUP))
    client.force_login(member)
    edit = client.get(f"/admin/pages/{page.pk}/edit/")
    assert edit.status_code == 200 and 'data-address-check="match"' in edit.content.decode()
    client.logout()
    approve(page, member)
    page.refresh_from_db()
    submission.refresh_from_db()
    assert page.live and submission.status == SubmissionStatus.APPROVED
    assert "Nairobi safety day" in client.get("/en/calendar/").content.decode()
    assert "Nairobi safety day" in client.get("/en/calendar/feed/").content.decode()
    assert "Nairobi safety day" not in client.get("/en/europe/events/").content.decode()


def test_admin_form_explains_far_dates_instead_of_failing(calendars):
    event = make_event(calendars.calendars["eu"], title="Far away")
    form_class = EventPage.get_edit_handler().get_form_class()
    data = {"local_start": "9999-12-31 23:00", "local_end": "9999-12-31 23:30", "time_zone": "America/Los_Angeles"}
    form = form_class(data, instance=event, for_user=calendars.users["admin"], parent_page=event.get_parent())
    assert not form.is_valid()
    assert "Choose a date between 2000 and 2100." in str(form.errors["local_start"])


def test_feeds_and_the_partner_email_take_urls_from_site_base_url_not_the_host(client, calendars, settings):
    """A forged Host header never reaches a feed, a calendar link or the partner's e-mail."""
    settings.ALLOWED_HOSTS = ["*"]  # as behind a proxy that passes any Host through
    settings.SITE_BASE_URL = "https://sid.example"
    forged = {"HTTP_HOST": "attacker.example"}
    event = make_event(calendars.calendars["eu"], title="Open day", slug="open-day")
    with _capture(execute=True):
        response = client.post("/fr/europe/events/submit/", form_data(), **forged)
    assert response.status_code == 302
    (receipt,) = [message for message in mail.outbox if message.to == ["contact@ecole.example"]]
    assert "https://sid.example/fr/" in receipt.body and "attacker.example" not in receipt.body
    for url in ("/en/europe/events/feed/", f"/en/europe/events/{event.slug}/ics/", "/en/europe/events/"):
        cache.clear()
        response = client.get(url, **forged)
        body = response.content.decode()
        assert response.status_code == 200, url
        assert "attacker.example" not in body, url
        assert "sid.example/en/europe/events/" in body, url
    for url in ("/en/", "/sitemap.xml", "/robots.txt"):
        body = client.get(url, **forged).content.decode()
        assert "attacker.example" not in body and "https://sid.example/" in body, url
