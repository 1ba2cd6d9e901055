"""The objects the generated admin matrix (test_admin_matrix.py) fills admin URLs with.

Every region in ``REGIONS`` gets the same set, so that each region's people are tried on
their own region's objects and on the other's (crossing is tested both ways):

- pages in every state (``PAGE_KINDS``): a draft, a child's story in moderation (sent
  through the real pipeline, a phone number and a street address in its text), a partner's
  event in moderation (the real intake), a live page, the stories section (where the
  workflow is attached), a private page (a view restriction) and a live page below an
  unpublished section;
- an image and a document in the region's collection, the region's collection, its
  stories workflow and task, the story's queue item and submission, the event's
  submission;
- snippets: the region's curated pack, help directory entry and main menu;
- things one person owns: an impact export, a translation export and import, an event
  upload, an upload in progress (images, documents) and an editing session, each owned by
  the region's coordinator.

Global objects (one each): the site, its branding settings, a redirect, a user, a group,
the edition and a topic (snippets). Titles of a region's unpublished or private objects
carry ``UNPUBLISHED + code``; the story's title and text carry ``CHILD + code``.
"""

from __future__ import annotations

import io
from types import SimpleNamespace

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone, translation
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, UploadedFile, WorkflowPage

REGIONS = ("eu", "latam")
COUNTRY = {"eu": "BE", "latam": "MX"}
UNPUBLISHED = "Qzsecret"  # + region code: titles of the region's unpublished and private objects
CHILD = "Qzchild"  # + region code: the title and text of the region's story in moderation
#: In each region's story: what only that region's moderators (and administrators) may read.
PHONE = {"eu": "+32 470 12 34 56", "latam": "+52 55 1234 5678"}
ADDRESS = {"eu": "12 Long Street", "latam": "Calle Larga 34"}
PAGE_KINDS = ("draft", "story", "event", "live", "section", "private", "below")
#: Pages the public sent: live only through their region's workflow approval.
SENT_BY_PUBLIC = ("story", "event")


def story_text(code: str) -> str:
    return f"{CHILD}{code} I was bullied in a chat. Call me on {PHONE[code]}, I live at {ADDRESS[code]}."


def picture(title, collection):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "green").save(buffer, "PNG")
    item = get_image_model()(title=title, collection=collection)
    item.file = ImageFile(io.BytesIO(buffer.getvalue()), name="matrix.png")
    item.save()
    return item


def send_story(section, code: str):
    """A child's story through the real pipeline: received, scanned, draft page in review."""
    from campaign.stories import pipeline

    submission, _token = pipeline.receive(
        section,
        {
            "pen_name": "Quiet Owl",
            "title": f"{CHILD}{code} story title",
            "body": story_text(code),
            "age_band": "16_17",
            "country": COUNTRY[code],
            "language": "en",
        },
    )
    pipeline.process(submission.pk)
    submission.refresh_from_db()
    return submission


def build(tree) -> SimpleNamespace:
    """Create the objects of every region (in English) and return their ids by key.

    Keys: ``("page", code, kind)``, ``(kind, code)`` for a region's other objects and
    ``(kind,)`` for global ones. Only ids are kept (test data is deep-copied per test).
    """
    from campaign.editions.models import Edition
    from campaign.helplines.models import CountryHelp
    from campaign.moderation.models import ItemKind, ModerationItem
    from campaign.packs.models import CuratedPack
    from campaign.reach.models import ExportJob as ReachExport
    from sitecontent.models import Topic
    from tests.factories import StandardPageFactory, UserFactory
    from tests.library.factories import document
    from tests.moderation.helpers import send_event
    from tests.stories.factories import add_story_sections
    from themes.models import NavigationMenu
    from translations.models import ExportJob as TranslationExport
    from translations.models import ImportBatch

    translation.activate("en")
    sections = add_story_sections(tree)
    objects: dict[tuple, tuple[type, int]] = {}

    def keep(key, instance):
        objects[key] = (type(instance), instance.pk)

    for code in REGIONS:
        region = tree.regions[code]
        coordinator = tree.users[f"{code}-coordinator"]
        # Below the region's live page, so that its listings (explorer, chooser) name them.
        live = tree.pages[code]
        draft = StandardPageFactory(parent=live, title=f"{UNPUBLISHED}{code} draft", slug="matrix-draft", live=False)
        private = StandardPageFactory(parent=live, title=f"{UNPUBLISHED}{code} private", slug="matrix-private")
        PageViewRestriction.objects.create(page=private, restriction_type="password", password="matrix")  # noqa: S106 (a test page)
        hidden = StandardPageFactory(
            parent=live, title=f"{UNPUBLISHED}{code} hidden section", slug="matrix-hidden", live=False
        )
        below = StandardPageFactory(parent=hidden, title=f"{UNPUBLISHED}{code} below", slug="matrix-below")
        for page in (draft, tree.pages[code], private, hidden, below):
            page.save_revision()
        submission = send_story(sections[code], code)
        event = send_event(tree, code, title=f"{UNPUBLISHED}{code} event", country=COUNTRY[code])
        pages = {
            "draft": draft,
            "story": submission.page,
            "event": event.page,
            "live": tree.pages[code],
            "section": sections[code],
            "private": private,
            "below": below,
        }
        for kind, page in pages.items():
            keep(("page", code, kind), Page.objects.get(pk=page.pk))
        collection = tree.groups[code].collection
        keep(("image", code), picture(f"{UNPUBLISHED}{code} image", collection))
        doc = document(f"{UNPUBLISHED}{code} document", b"private handout")
        doc.collection = collection
        doc.save()
        keep(("document", code), doc)
        keep(("collection", code), collection)
        workflow = WorkflowPage.objects.get(page=sections[code]).workflow
        keep(("workflow", code), workflow)
        keep(("task", code), workflow.tasks.get().specific)
        keep(("queue_item", code), ModerationItem.objects.get(kind=ItemKind.STORY, object_id=submission.pk))
        keep(("submission", code), submission)
        keep(("event_submission", code), event)
        pack = CuratedPack(region=region, title=f"{code} matrix pack", slug=f"matrix-pack-{code}")
        pack.save()
        keep(("pack", code), pack)
        keep(("help", code), CountryHelp.objects.create(country=COUNTRY[code], emergency_number="112"))
        keep(("menu", code), NavigationMenu.objects.create(region=region, placement="main"))
        keep(
            ("reach_export", code),
            ReachExport.objects.create(
                user=coordinator,
                fmt="csv",
                scope=[code],
                year=2027,
                status=ReachExport.Status.DONE,
                progress=100,
                content=f"{UNPUBLISHED}{code} export".encode(),
            ),
        )
        keep(
            ("translation_export", code),
            TranslationExport.objects.create(
                requested_by=coordinator, region=region, language="fr", file_format="po", scope="pages"
            ),
        )
        keep(
            ("translation_import", code),
            ImportBatch.objects.create(uploaded_by=coordinator, filename="matrix.po", file_format="po", language="fr"),
        )
        from campaign.events.models import EventUpload

        upload = EventUpload(
            calendar=tree.calendars[code],
            user=coordinator,
            organisation="Matrix",
            contact_email="matrix@example.org",
            language="en",
        )
        upload.set_token(f"matrix-{code}")
        upload.save()
        keep(("event_upload", code), upload)
        for kind, model in (("image_upload", get_image_model()), ("document_upload", get_document_model())):
            uploaded = UploadedFile(
                for_content_type=ContentType.objects.get_for_model(model), uploaded_by_user=coordinator
            )
            uploaded.file.save("matrix-upload.png", ContentFile(b"upload"), save=True)
            keep((kind, code), uploaded)
        from wagtail.admin.models import EditingSession

        keep(
            ("editing_session", code),
            EditingSession.objects.create(
                user=coordinator,
                content_type=ContentType.objects.get_for_model(Page),
                object_id=str(draft.pk),
                last_seen_at=timezone.now(),
            ),
        )

    from django.contrib.auth import get_user_model
    from wagtail.contrib.redirects.models import Redirect

    from themes.models import BrandingSettings

    keep(("site",), tree.site)
    keep(("settings",), BrandingSettings.for_site(tree.site))
    keep(("redirect",), Redirect.objects.create(old_path="/matrix-old", redirect_link="https://example.org/"))
    keep(("user",), UserFactory(username="matrix-user"))
    keep(("group",), Group.objects.get(name="eu coordinators"))
    keep(("edition",), Edition.objects.create(year=2031, theme="Matrix"))
    keep(("topic",), Topic.objects.create(name="Matrix topic", slug="matrix-topic"))
    assert get_user_model().objects.filter(username="admin", is_superuser=True).exists()
    return SimpleNamespace(objects=objects)
