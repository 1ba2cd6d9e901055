"""One queue per region: every kind, filters, search, paging, claims, figures, bulk decisions."""

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from campaign.moderation import queue
from campaign.moderation.models import ModerationItem
from campaign.stories import pipeline
from campaign.stories.models import StoryPage, Submission

from .helpers import fill_queue, send_event, send_story, story_item

pytestmark = pytest.mark.django_db


def test_stories_events_and_reports_in_one_queue_scoped_to_the_region(
    client, stories_tree, django_capture_on_commit_callbacks
):
    story = send_story(client, stories_tree, django_capture_on_commit_callbacks, title="A story from Belgium")
    event = send_event(stories_tree, title="Family workshop in Brussels")
    published = send_story(client, stories_tree, django_capture_on_commit_callbacks, title="Already published story")
    from campaign.moderation import decisions

    decisions.approve(published.page.specific, stories_tree.users["eu-moderator"])
    page = StoryPage.objects.get(pk=published.page_id)
    with django_capture_on_commit_callbacks(execute=True):
        pipeline.report(page, "hurtful", "203.0.113.9")
    latam = send_story(client, stories_tree, django_capture_on_commit_callbacks, region="latam", title="Historia")

    client.force_login(stories_tree.users["eu-moderator"])
    html = client.get(reverse("moderation:queue")).content.decode()
    for title in ("A story from Belgium", "Family workshop in Brussels", "Already published story"):
        assert title in html
    assert "Historia" not in html
    kinds = set(queue.open_queue(stories_tree.users["eu-moderator"]).values_list("kind", flat=True))
    assert kinds == {"story", "event", "report"}
    # The age band, never an exact age; the text preview; the waiting time.
    assert "16 or 17" in html and "Someone kept messaging me" in html
    assert story_item(story).waiting_since <= timezone.now()
    # Another region's moderator sees none of it, and cannot open it.
    client.force_login(stories_tree.users["latam-moderator"])
    html = client.get(reverse("moderation:queue")).content.decode()
    assert "Historia" in html and "A story from Belgium" not in html
    assert client.get(reverse("moderation:review", args=[story_item(story).pk]), follow=True).status_code == 404
    event_item = ModerationItem.objects.get(kind="event", object_id=event.pk)
    assert client.get(reverse("moderation:review", args=[event_item.pk]), follow=True).status_code == 404
    assert story_item(latam).region == stories_tree.regions["latam"]


def test_filters_search_and_oldest_first(client, stories_tree, django_capture_on_commit_callbacks):
    old = send_story(
        client, stories_tree, django_capture_on_commit_callbacks, title="Old one", body="Call me on 07700 900123 ok."
    )
    ModerationItem.objects.filter(pk=story_item(old).pk).update(waiting_since=timezone.now() - timedelta(hours=30))
    send_story(
        client, stories_tree, django_capture_on_commit_callbacks, title="Une histoire", language="fr", country="FR"
    )
    send_event(stories_tree, title="Workshop for grandparents")
    client.force_login(stories_tree.users["eu-moderator"])
    url = reverse("moderation:queue")

    def titles(**params):
        response = client.get(url, params)
        return [item.title for item in response.context["items"]]

    assert titles() == ["Old one", "Une histoire", "Workshop for grandparents"]  # oldest first
    assert titles(kind="event") == ["Workshop for grandparents"]
    assert titles(flag="pii") == ["Old one"]
    assert titles(language="fr") == ["Une histoire"]
    assert titles(country="FR") == ["Une histoire"]
    assert titles(older_than="24") == ["Old one"]
    assert titles(q="GRANDPARENTS") == ["Workshop for grandparents"]
    assert titles(q="ｇｒａｎｄｐａｒｅｎｔｓ") == ["Workshop for grandparents"]  # NFKC
    assert titles(unflagged="on", kind="story") == ["Une histoire"]
    # Nonsense filters are ignored, never a 500.
    assert client.get(url, {"older_than": "-3", "kind": "nope", "country": "ZZZ"}).status_code == 200


def test_queue_queries_do_not_grow_with_the_queue(client, stories_tree):
    """The same number of queries for 20 and for 2,000 waiting items."""
    region = stories_tree.regions["eu"]
    client.force_login(stories_tree.users["eu-moderator"])
    url = reverse("moderation:queue")
    counts = {}
    for total in (20, 2000):
        fill_queue(region, total - ModerationItem.objects.count(), start=ModerationItem.objects.count())
        client.get(url)  # warm caches (site, menus)
        # (Django resets connection.queries when a request starts: count at the cursor.)
        queries = []
        with connection.execute_wrapper(
            lambda execute, sql, *args, log=queries: log.append(sql) or execute(sql, *args)
        ):
            response = client.get(url, {"flag": "pii", "language": "en"})
        assert response.status_code == 200 and queries
        assert response.context["paginator"].count == len(range(0, total, 3))
        counts[total] = len(queries)
    assert counts[20] == counts[2000], counts


def test_queue_pages_and_selection(client, stories_tree):
    fill_queue(stories_tree.regions["eu"], 120)
    client.force_login(stories_tree.users["eu-moderator"])
    url = reverse("moderation:queue")
    first = client.get(url)
    assert len(first.context["items"].object_list) == 50 and first.context["paginator"].num_pages == 3
    third = client.get(url, {"p": 3})
    assert len(third.context["items"].object_list) == 20
    html = client.get(url, {"select": "all"}).content.decode()
    assert html.count('name="item" value=') == 50 and html.count(" checked>") >= 50


def test_claims_keep_two_moderators_apart(client, stories_tree, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import Group

    first = send_story(client, stories_tree, django_capture_on_commit_callbacks, title="First story")
    second = send_story(client, stories_tree, django_capture_on_commit_callbacks, title="Second story")
    moderator = stories_tree.users["eu-moderator"]
    colleague = type(moderator).objects.create_user("eu-moderator-2", "m2@example.org", "pw-123456789")
    colleague.groups.set(Group.objects.filter(name="eu moderators"))
    client.force_login(moderator)
    response = client.get(reverse("moderation:next"))
    assert response["Location"] == reverse("moderation:review", args=[story_item(first).pk])
    client.get(response["Location"])  # opens it: claimed
    client.force_login(colleague)
    # The colleague's "next" skips the claimed story.
    assert client.get(reverse("moderation:next"))["Location"] == reverse(
        "moderation:review", args=[story_item(second).pk]
    )
    html = client.get(reverse("moderation:review", args=[story_item(first).pk])).content.decode()
    assert "eu-moderator is reviewing this item" in html and 'value="approve"' not in html
    client.post(reverse("moderation:review", args=[story_item(first).pk]), {"decision": "approve"})
    assert not StoryPage.objects.get(pk=first.page_id).live
    # Taking over is possible when the first moderator has left.
    client.post(reverse("moderation:review", args=[story_item(first).pk]), {"take_over": "1"})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("moderation:review", args=[story_item(first).pk]), {"decision": "approve"})
    assert StoryPage.objects.get(pk=first.page_id).live


def test_bulk_has_no_preselected_outcome_and_confirms_first(client, stories_tree, django_capture_on_commit_callbacks):
    from campaign.moderation.reasons import reason_label

    stories = [
        send_story(client, stories_tree, django_capture_on_commit_callbacks, title=f"Bulk {number}", language=language)
        for number, language in enumerate(("en", "de"))
    ]
    event = send_event(stories_tree, title="Bulk event")
    client.force_login(stories_tree.users["eu-moderator"])
    url = reverse("moderation:queue")
    html = client.get(url).content.decode()
    form = html[html.index('class="moderation-bulk"') :]
    assert " checked" not in form.split("</fieldset>")[0]
    assert '<option value="" selected>' in form
    ids = [story_item(s).pk for s in stories] + [ModerationItem.objects.get(kind="event", object_id=event.pk).pk]
    confirm = client.post(url, {"item": ids, "decision": "reject", "reason": "off_topic"})
    page = confirm.content.decode()
    assert confirm.status_code == 200 and "data-bulk-confirm" in page
    assert page.count('data-outcome="reject"') == 3
    assert reason_label("off_topic", "de").replace("'", "&#x27;") in page  # what the German child will read
    assert Submission.objects.filter(status=Submission.Status.REJECTED).count() == 0  # nothing yet
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"item": ids, "decision": "reject", "reason": "off_topic", "confirm": "yes"})
    assert Submission.objects.filter(status=Submission.Status.REJECTED, rejection_reason="off_topic").count() == 2
    event.refresh_from_db()
    assert event.status == "rejected" and event.rejection_reason == "off_topic"
    assert not ModerationItem.objects.filter(pk__in=ids, is_open=True).exists()


def test_dashboard_shows_median_and_oldest_wait(client, stories_tree):
    now = timezone.now()
    region = stories_tree.regions["eu"]
    for number, hours in enumerate((1, 2, 10)):
        ModerationItem.objects.create(
            kind="story", object_id=9_000 + number, region=region, waiting_since=now - timedelta(hours=hours)
        )
    (figures,) = queue.waiting_figures(stories_tree.users["eu-moderator"])
    assert figures["count"] == 3
    assert abs(figures["median"].total_seconds() - 2 * 3600) < 60
    assert abs(figures["oldest"].total_seconds() - 10 * 3600) < 60
    client.force_login(stories_tree.users["eu-moderator"])
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Median wait" in home and "2 h 00 min" in home and "10 h 00 min" in home
    assert queue.waiting_figures(stories_tree.users["latam-moderator"]) == []
