"""Unpublished twins of every kind of public content, built once per test class.

Every twin carries the word ``MARKER`` in its title, text or file, so a test can look for
that one word in whatever the public gets back. ``build_twin_tree`` returns the library
tree (tests.library.factories) with a calendar, a stories section and these twins:

- a page of each type that was never published (standard, resource with a file, guide
  with a download, event, story),
- a page of each type that was published and then unpublished,
- a live page behind a password (private),
- live pages whose newest revision is an unpublished draft holding the secret (a changed
  title and a newly attached file),
- a document used only in the body of a draft page, and a cover image of a draft resource.
"""

from __future__ import annotations

import datetime
import io
import zoneinfo

from django.core.files.images import ImageFile
from django.utils import translation
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, PageViewRestriction

from campaign.stories.models import StoryPage
from sitecontent.models import ResourceFile
from tests import replay
from tests.events.factories import EventCalendarPageFactory, make_event
from tests.factories import PASSWORD, StandardPageFactory
from tests.library import factories as lf
from tests.stories.factories import add_story_sections

MARKER = "Zebraquux"
SLUG_STEM = "twin"  # slugs are echoed by 404 pages; only titles and texts carry MARKER


def image(title: str):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "red").save(buffer, "PNG")
    Image = get_image_model()
    item = Image(title=title, collection=Collection.get_first_root_node())
    item.file = ImageFile(io.BytesIO(buffer.getvalue()), name="twin-cover.png")
    item.save()
    return item


def _unpublish(page):
    page.unpublish()
    page.refresh_from_db()
    return page


def build_twin_tree():
    """Built once per test process and database state, then replayed (tests/replay.py)."""
    translation.activate("en")
    return replay.built("twin_tree", _build_twin_tree)


def _build_twin_tree():
    tree = lf.build_library_tree()
    eu = tree.regions["eu"]
    library = tree.libraries["eu"]
    tree.calendar = EventCalendarPageFactory(parent=eu, title="Events", slug="events")
    tree.global_calendar = EventCalendarPageFactory(parent=tree.home, title="Global calendar", slug="calendar")
    tree.live_event = make_event(tree.calendar, title="Open day at school", slug="open-day")
    tree.sections = add_story_sections(tree)

    twins = {}
    # -- never published -------------------------------------------------------------
    twins["standard-draft"] = StandardPageFactory(
        parent=eu, title=f"{MARKER} standard draft", slug=f"{SLUG_STEM}-standard", live=False
    )
    body_document = lf.document(f"{MARKER} body file", f"{MARKER} body file".encode())
    with translation.override("en"):
        page = twins["standard-draft"]
        page.body = [("document", {"document": body_document, "title": ""})]
        page.save()
        page.save_revision()
    twins["resource-draft"] = tree.draft  # "Secret draft" … with a file
    with translation.override("en"):
        tree.draft.title = f"{MARKER} resource draft"
        tree.draft.cover_image = image(f"{MARKER} cover")
        tree.draft.save()
        tree.draft.save_revision()
    twins["guide-draft"] = lf.guide(library, {"en": {"title": f"{MARKER} guide draft", "summary": "s"}}, publish=False)
    with translation.override("en"):
        twins["guide-draft"].download = lf.document(f"{MARKER} guide file", b"guide download")
        twins["guide-draft"].save()
    twins["event-draft"] = make_event(
        tree.calendar, publish=False, title=f"{MARKER} event draft", slug=f"{SLUG_STEM}-event"
    )
    story = StoryPage(
        title=f"{MARKER} story draft",
        slug=f"{SLUG_STEM}-story",
        pen_name="Quiet Owl",
        age_band="16_17",
        country="BE",
        language="en",
        body=f"{MARKER} story body",
        live=False,
    )
    with translation.override("en"):
        tree.sections["eu"].add_child(instance=story)
        story.save_revision()
    twins["story-draft"] = story

    # -- published, then unpublished ---------------------------------------------------
    twins["standard-unpublished"] = _unpublish(
        StandardPageFactory(parent=eu, title=f"{MARKER} standard gone", slug=f"{SLUG_STEM}-standard-gone")
    )
    twins["resource-unpublished"] = _unpublish(
        lf.resource(
            library,
            {"en": {"title": f"{MARKER} resource gone", "summary": f"{MARKER} summary"}},
            files={"en": b"withdrawn file"},
        )
    )
    twins["guide-unpublished"] = _unpublish(
        lf.guide(library, {"en": {"title": f"{MARKER} guide gone", "summary": "s"}})
    )
    twins["event-unpublished"] = _unpublish(
        make_event(tree.calendar, title=f"{MARKER} event gone", slug=f"{SLUG_STEM}-event-gone")
    )

    # -- live but private (password) ---------------------------------------------------
    private = StandardPageFactory(parent=eu, title=f"{MARKER} private page", slug=f"{SLUG_STEM}-private")
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD)
    twins["standard-private"] = private
    private_event = make_event(tree.calendar, title=f"{MARKER} private event", slug=f"{SLUG_STEM}-private-event")
    PageViewRestriction.objects.create(
        page=private_event, restriction_type=PageViewRestriction.PASSWORD, password=PASSWORD
    )
    twins["event-private"] = private_event

    # -- live, with a newer draft revision holding the secret ---------------------------
    tree.pending_documents = []
    with translation.override("en"):
        live_resource = lf.resource(library, {"en": {"title": "Open resource", "summary": "Open summary"}})
        pending_doc = lf.document(f"{MARKER} pending file", b"pending file")
        live_resource.title = f"{MARKER} pending title"
        live_resource.summary = f"{MARKER} pending summary"
        live_resource.files.add(ResourceFile(language="de", document=pending_doc))
        live_resource.save_revision()
        tree.pending_documents.append(pending_doc)
        live_event = make_event(tree.calendar, title="Open evening", slug="open-evening")
        live_event.title = f"{MARKER} pending event"
        live_event.start = datetime.datetime(2027, 2, 10, 9, tzinfo=zoneinfo.ZoneInfo("Europe/Brussels"))
        live_event.end = live_event.start + datetime.timedelta(hours=1)
        live_event.save_revision()
    live_story = StoryPage(
        title="Brightowl live story",
        slug="live-story",
        pen_name="Bright Owl",
        age_band="16_17",
        country="BE",
        language="en",
        body="A published story about Brightowl",
    )
    with translation.override("en"):
        tree.sections["eu"].add_child(instance=live_story)
        live_story.save_revision().publish()
    tree.live_story = live_story
    tree.live_with_drafts = {"resource": live_resource, "event": live_event}
    tree.twins = twins
    tree.draft_documents = [body_document, twins["guide-draft"].download] + [
        f.document for key in ("resource-draft", "resource-unpublished") for f in twins[key].files.all()
    ]
    tree.draft_images = [tree.draft.cover_image]
    return tree
