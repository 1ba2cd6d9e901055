"""A permission matrix generated from the URL resolver: every admin URL × role × region.

Every URL pattern under ``/admin/`` that the resolver knows is requested, so an admin URL
added later is covered without editing this file: a pattern with parameters must be
filled by ``fill`` (one representative object per kind: a draft page, a story under
review, a live page, an image, a document, each in Europe) or be listed in
``NOT_OBJECT_SCOPED`` with the reason; otherwise ``test_every_admin_url_is_covered`` fails.

Each URL is requested (GET, then POST with an empty body) by Europe's coordinator and
moderator (own region), Latin America's coordinator and moderator (other region) and an
anonymous visitor. The answers come from the one policy (sitecontent/policy.py):

- nobody outside Europe sees the title of Europe's unpublished objects, by any URL;
- a child's story under review (its title and text) is read by Europe's moderators only;
- a POST changes nothing it is not allowed to change: no other-region user changes any
  Europe object; coordinators never publish, move or delete the story in review;
  moderators change nothing but the story in their queue.

Kept fast by design (one object per kind, requests in one transaction rolled back per
POST): ``benchmarks/admin_matrix.py`` prints the matrix size and run time.
"""

from __future__ import annotations

import io
import re
from types import SimpleNamespace

import pytest
from django.core.files.images import ImageFile
from django.db import transaction
from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, WorkflowState

from campaign.moderation.workflows import start_moderation
from campaign.stories.models import StoryPage
from tests.factories import StandardPageFactory, build_site_tree
from tests.library.factories import document
from tests.stories.factories import add_story_sections

OWN, OTHER = "eu", "latam"
USERS = (f"{OWN}-coordinator", f"{OWN}-moderator", f"{OTHER}-coordinator", f"{OTHER}-moderator", None)
UNPUBLISHED = "Qzsecret"  # in the titles of Europe's unpublished objects
CHILD = "Qzchild"  # in the title and text of the story under review

PAGE_KINDS = ("draft", "story", "live", "section")
PAGE_PARAMS = {"page_id", "parent_page_id", "page_to_move_id", "page_pk"}

#: Admin URL patterns with parameters that name no region-scoped object, and why.
NOT_OBJECT_SCOPED = {
    "wagtailadmin_api:pages:detail": "the pages API: detail asks explorable_instances; listed at /admin/api/main/pages/",
    "wagtailadmin_api:pages:action": "the pages API actions call the same page actions as the editor (tester)",
    "wagtailadmin_pages:type_use": "page type usage by content type; filled below with the story type",
    "wagtailadmin_pages:type_use_results": "as type_use",
    "wagtailadmin_pages:choose_parent": "chooses a parent among explorable pages; no object in the URL",
    "wagtailadmin_tag_model_autocomplete": "tag names are shared by every region",
    "wagtailadmin_collections:edit": "collections are managed by administrators only",
    "wagtailadmin_collections:delete": "administrators only",
    "wagtailadmin_collections:set_privacy": "administrators only",
    "wagtailadmin_workflows:enable": "workflows are configured by administrators only",
    "wagtailadmin_workflows:disable": "administrators only",
    "wagtailadmin_workflows:edit": "administrators only",
    "wagtailadmin_workflows:usage": "administrators only",
    "wagtailadmin_workflows:usage_results": "administrators only",
    "wagtailadmin_workflows:remove": "administrators only",
    "wagtailadmin_workflows:add_task": "administrators only",
    "wagtailadmin_workflows:edit_task": "administrators only",
    "wagtailadmin_workflows:disable_task": "administrators only",
    "wagtailadmin_workflows:enable_task": "administrators only",
    "wagtailadmin_workflows:task_chosen": "administrators only",
    "wagtailadmin_editing_sessions:ping": "the editor's own session; the page itself is checked by the tester",
    "wagtailadmin_editing_sessions:release": "the user's own editing session",
    "sid_translations:export_detail": "a coordinator's own export job (translations tests)",
    "sid_translations:export_download": "a coordinator's own export job (translations tests)",
    "sid_translations:import_preview": "a coordinator's own import job (translations tests)",
    "moderation:review": "queue items; region scope tested in tests/moderation (visible_items)",
    "events_reject_submission": "partner event submissions; region scope tested in tests/moderation",
    "events_upload_detail": "the uploader's own upload (filtered by user); publishing checked at import, tests/events",
    "stories_admin:review": "story submissions; moderated_regions scope, tests/stories/test_privacy.py",
    "stories_admin:picture": "as stories_admin:review",
    "wagtailredirects:edit": "redirects are managed by administrators only",
    "wagtailredirects:delete": "administrators only",
    "wagtailsettings:edit": "site settings: administrators only",
    "wagtailsettings:preview_on_edit": "site settings: administrators only",
    "wagtaildocs:create_multiple_from_uploaded_document": "the uploader's own upload in progress",
    "wagtaildocs:delete_upload_multiple": "the uploader's own upload in progress",
    "wagtailimages:create_multiple_from_uploaded_image": "the uploader's own upload in progress",
    "wagtailimages:delete_upload_multiple": "the uploader's own upload in progress",
    "wagtailsites:edit": "sites: administrators only",
    "wagtailsites:delete": "administrators only",
    "wagtailsites:history": "administrators only",
    "wagtailsites:history_results": "administrators only",
    "wagtailsites:usage": "administrators only",
    "wagtailsites:copy": "administrators only",
    "wagtailusers_users:edit": "users: administrators only",
    "wagtailusers_users:delete": "administrators only",
    "wagtailusers_users:history": "administrators only",
    "wagtailusers_users:history_results": "administrators only",
    "wagtailusers_users:usage": "administrators only",
    "wagtailusers_users:copy": "administrators only",
    "wagtailusers_groups:edit": "groups: administrators only",
    "wagtailusers_groups:delete": "administrators only",
    "wagtailusers_groups:history": "administrators only",
    "wagtailusers_groups:history_results": "administrators only",
    "wagtailusers_groups:usage": "administrators only",
    "wagtailadmin_password_reset_confirm": "a signed token, no object id",
    "": "wagtail-modeltranslation's copy_translation_content: reads a page's own fields for its editor",
}
#: Export formats of the impact dashboard (campaign.reach).
REACH_FORMATS = ("csv", "xlsx")
#: Patterns not requested at all, and why.
NOT_REQUESTED = {
    "wagtailadmin_error_test": "Wagtail's deliberate 500 (/admin/failwhale/), for error reporting checks",
    "wagtailadmin_logout": "ends the session the matrix runs in; no object",
}
#: Snippets with a region policy are tested with their own apps; the rest are global.
SNIPPET_REASON = "snippet: its permission policy is registered per model (packs, helplines, topics, editions tests)"


def admin_patterns():
    """(route, name) of every URL pattern under admin/, from the resolver."""

    def walk(patterns, prefix="", namespace=None):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace
                if pattern.namespace:
                    ns = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or "")
                yield prefix + str(pattern.pattern), name

    return [(route, name) for route, name in walk(get_resolver().url_patterns) if route.startswith("admin/")]


def params_of(route: str) -> list[str]:
    return re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route) and [
        a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)
    ]


def build_path(route: str, values: dict) -> str:
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), path)
    path = path.replace("^", "").replace("$", "").replace("\\.", ".")
    return "/" + path


def picture(title, collection):
    buffer = io.BytesIO()
    PILImage.new("RGB", (8, 8), "green").save(buffer, "PNG")
    item = get_image_model()(title=title, collection=collection)
    item.file = ImageFile(io.BytesIO(buffer.getvalue()), name="matrix.png")
    item.save()
    return item


class AdminMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        translation.activate("en")
        cls.tree = tree = build_site_tree()
        sections = add_story_sections(tree)
        region = tree.regions[OWN]
        cls.pages = {
            "draft": StandardPageFactory(parent=region, title=f"{UNPUBLISHED} draft", slug="matrix-draft", live=False),
            "live": tree.pages[OWN],
            "section": sections[OWN],
        }
        for page in (cls.pages["draft"], cls.pages["live"]):
            with translation.override("en"):
                page.save_revision()
        story = StoryPage(
            title=f"{CHILD} story title",
            slug="matrix-story",
            pen_name="Quiet Owl",
            age_band="16_17",
            country="BE",
            language="en",
            body=f"{CHILD} my address is 12 Long Street",
            live=False,
        )
        with translation.override("en"):
            sections[OWN].add_child(instance=story)
            start_moderation(story)
        cls.pages["story"] = story
        collection = tree.groups[OWN].collection
        image = picture(f"{UNPUBLISHED} image", collection)
        doc = document(f"{UNPUBLISHED} document", b"private handout")
        doc.collection = collection
        doc.save()
        from campaign.reach.models import ExportJob

        job = ExportJob.objects.create(
            user=tree.users[f"{OWN}-coordinator"],
            fmt="csv",
            scope=[OWN],
            year=2027,
            status=ExportJob.Status.DONE,
            progress=100,
            content=f"{UNPUBLISHED} export".encode(),
        )
        cls.export_job = SimpleNamespace(pk=job.pk)
        # Only ids are kept on the class (test data is deep-copied per test).
        cls.pages = {kind: SimpleNamespace(pk=page.pk) for kind, page in cls.pages.items()}
        cls.image = SimpleNamespace(pk=image.pk)
        cls.document = SimpleNamespace(pk=doc.pk)

    # -- filling URL patterns -----------------------------------------------------------
    def fill(self, route: str, name: str) -> list[tuple[str, str]] | None:
        """(kind, path) for each representative object, or None if the pattern is unknown."""
        params = set(params_of(route))
        if name in NOT_REQUESTED:
            return []
        if not params:
            return [("none", build_path(route, {}))]
        if name in NOT_OBJECT_SCOPED:
            return []
        if name.startswith(("wagtailsnippets_", "wagtailsnippetchoosers_")):
            return []
        if name == "wagtail_bulk_action":
            return self.bulk_paths(route)
        if name.startswith("reach:"):
            # The impact dashboard's exports: region scope from the one policy (test below);
            # a large export's status and file: its owner's only (Europe's coordinator).
            if "pk" in params:
                return [("none", build_path(route, {"pk": self.export_job.pk}))]
            return [("none", build_path(route, {"fmt": fmt})) for fmt in REACH_FORMATS]
        if params & PAGE_PARAMS or name.startswith("wagtailadmin_pages:") or name == "wagtailforms":
            return self.page_paths(route, params)
        if name.startswith(("wagtailimages", "wagtailadmin_api:images")):
            return [("image", build_path(route, {p: self.image_value(p) for p in params}))]
        if name.startswith(("wagtaildocs", "wagtailadmin_api:documents")):
            return [("document", build_path(route, {p: self.document.pk for p in params}))]
        if name.startswith("wagtailforms:"):
            return self.page_paths(route, params)
        return None

    def image_value(self, param):
        return "max-165x165" if param == "filter_spec" else self.image.pk

    def page_paths(self, route, params):
        paths = []
        for kind in PAGE_KINDS:
            page = Page.objects.get(pk=self.pages[kind].pk)
            state = page.current_workflow_state
            task_state = state.current_task_state if state else None
            if ({"task_state_id", "task_id", "workflow_state_id"} & params) and task_state is None:
                continue
            revision = page.latest_revision
            values = {
                "page_id": page.pk,
                "parent_page_id": page.pk,
                "page_to_move_id": page.pk,
                "page_pk": page.pk,
                "pk": page.pk,
                "destination_id": self.tree.regions[OTHER].pk,
                "revision_id": revision.pk if revision else 0,
                "revision_id_a": "earliest",
                "revision_id_b": "latest",
                "action_name": "approve",
                "task_state_id": task_state.pk if task_state else 0,
                "task_id": task_state.task_id if task_state else 0,
                "workflow_state_id": state.pk if state else 0,
                "content_type_app_name": page.specific_class._meta.app_label,
                "content_type_model_name": page.specific_class._meta.model_name,
            }
            if params - set(values):
                return None
            paths.append((kind, build_path(route, values)))
        return paths

    def bulk_paths(self, route):
        from wagtail.admin.views.bulk_action.registry import bulk_action_registry

        paths = []
        targets = [("wagtailcore", "page", kind, self.pages[kind].pk) for kind in PAGE_KINDS]
        targets += [("wagtailimages", "image", "image", self.image.pk)]
        targets += [("wagtaildocs", "document", "document", self.document.pk)]
        for app_label, model_name, kind, pk in targets:
            for action in bulk_action_registry.get_bulk_actions_for_model(app_label, model_name):
                values = {"app_label": app_label, "model_name": model_name, "action": action.action_type}
                paths.append((kind, build_path(route, values) + f"?id={pk}"))
        return paths

    # -- what may change -----------------------------------------------------------------
    def snapshot(self):
        state = {}
        for kind in PAGE_KINDS:
            row = Page.objects.filter(pk=self.pages[kind].pk).values_list(
                "live", "url_path", "title", "locked", "latest_revision_id", "has_unpublished_changes"
            )
            workflow = WorkflowState.objects.filter(object_id=str(self.pages[kind].pk), status="in_progress").count()
            state[kind] = (tuple(row), workflow)
        image = get_image_model().objects.filter(pk=self.image.pk).values_list("title", "collection_id")
        doc = get_document_model().objects.filter(pk=self.document.pk).values_list("title", "collection_id")
        state["image"] = tuple(image)
        state["document"] = tuple(doc)
        return state

    @staticmethod
    def may_change(username, kind) -> bool:
        if username is None or not username.startswith(f"{OWN}-"):
            return False
        if username == f"{OWN}-moderator":
            return kind == "story"  # their queue: edit, lock, approve, reject
        # Europe's coordinator: their region's pages and files, never the story in review.
        return kind != "story"

    @staticmethod
    def may_read(username, kind) -> bool:
        if kind == "story":
            return username == f"{OWN}-moderator"
        return username is not None and username.startswith(f"{OWN}-")

    def markers(self, username) -> list[str]:
        hidden = []
        if not self.may_read(username, "story"):
            hidden.append(CHILD)
        if not self.may_read(username, "draft"):
            hidden.append(UNPUBLISHED)
        return hidden

    # -- the tests -------------------------------------------------------------------------
    def covered(self):
        plan, uncovered = [], []
        for route, name in admin_patterns():
            paths = self.fill(route, name)
            if paths is None:
                uncovered.append(f"{name or '(unnamed)'}: {route}")
            else:
                plan.extend((name, kind, path) for kind, path in paths)
        return plan, uncovered

    def test_every_admin_url_is_covered(self):
        _plan, uncovered = self.covered()
        self.assertEqual(uncovered, [], "exercise these admin URLs in fill() or list them in NOT_OBJECT_SCOPED")
        stale = set(NOT_OBJECT_SCOPED) - {name for _route, name in admin_patterns()}
        self.assertEqual(stale, set(), "NOT_OBJECT_SCOPED lists URL names that no longer exist")

    def request(self, method, path):
        if method == "get":
            return self.client.get(path)
        return self.client.post(path, {})

    @pytest.mark.slow  # every admin URL x every role and region, GET and POST: make test-slow
    def test_matrix(self):
        plan, _uncovered = self.covered()
        self.client.raise_request_exception = False
        before = self.snapshot()
        wrongly_allowed, malformed = [], []
        requests = 0
        for username in USERS:
            if username is None:
                self.client.logout()
            else:
                self.client.force_login(self.tree.users[username])
            hidden = self.markers(username)
            for name, kind, path in plan:
                response = self.request("get", path)
                requests += 1
                if response.status_code >= 500:
                    wrongly_allowed.append(f"GET {path} as {username}: {response.status_code}")
                    continue
                body = b"".join(response) if response.streaming else response.content
                text = body.decode("utf-8", "replace")
                for marker in hidden:
                    if marker in text:
                        wrongly_allowed.append(f"GET {path} as {username} shows {marker}")
                if kind == "none" or kind == "section":
                    continue  # listings: read only (the section is a live page like "live")
                if username is None and name != "wagtail_bulk_action":
                    continue  # the admin's login redirect answers every anonymous request alike
                with transaction.atomic():
                    response = self.request("post", path)
                    requests += 1
                    after = self.snapshot()
                    transaction.set_rollback(True)
                if response.status_code >= 500:
                    # Never a 500: an allowed user's empty form (Wagtail's StreamField formsets
                    # read "body_en-count" unchecked) is a 400 (sitecontent.admin_gate).
                    if self.may_change(username, kind):
                        malformed.append(f"POST {path} as {username}: {response.status_code}")
                    else:
                        wrongly_allowed.append(f"POST {path} as {username}: {response.status_code}")
                for target, value in after.items():
                    if value != before[target] and not self.may_change(username, target):
                        wrongly_allowed.append(f"POST {path} as {username} changed {target}")
                if after["story"][0] and after["story"][0][0][0]:
                    # The story went live: only the region's moderators, by approval.
                    if not (username == f"{OWN}-moderator" and name == "wagtailadmin_pages:workflow_action"):
                        wrongly_allowed.append(f"POST {path} as {username} published the story")
        print(f"admin matrix: {len(plan)} URLs x {len(USERS)} users, {requests} requests")
        print(f"admin matrix: {len(malformed)} empty POSTs by allowed users answered 5xx")
        self.assertEqual(wrongly_allowed, [], "\n".join(wrongly_allowed))
        self.assertEqual(malformed, [], "\n".join(malformed))

    def test_impact_dashboard_region_scope(self):
        """Every impact dashboard URL the resolver knows (page and exports) × every role:
        administrators see all regions, coordinators their own, moderators nothing."""
        from campaign.editions.models import Edition
        from campaign.reach.models import DailyFigure

        Edition.objects.create(year=2027, theme="Matrix")
        for region, country in ((OWN, "BE"), (OTHER, "MX")):
            DailyFigure.objects.create(
                day="2027-02-09", edition_year=2027, region=region, metric="events_by_country", key=country, value=40
            )
        names = {"Belgium": OWN, "Mexico": OTHER}
        reach = [(route, name) for route, name in admin_patterns() if name.startswith("reach:")]
        paths = [
            path for route, name in reach if "pk" not in params_of(route) for _kind, path in self.fill(route, name)
        ]
        jobs = [path for route, name in reach if "pk" in params_of(route) for _kind, path in self.fill(route, name)]
        self.assertEqual(len(jobs), 2)
        self.assertEqual(len(paths), 1 + len(REACH_FORMATS))
        for username in (*USERS, "admin"):
            if username is None:
                self.client.logout()
            else:
                self.client.force_login(self.tree.users[username])
            for path in paths:
                response = self.client.get(path + "?edition=2027")
                if username is None:
                    self.assertEqual(response.status_code, 302, path)
                    continue
                if username.endswith("-moderator"):
                    # Refused: Wagtail's "no permission" redirect to the admin home.
                    self.assertIn(response.status_code, (302, 403), (path, username))
                    self.assertNotIn(b"Belgium", response.content)
                    continue
                self.assertEqual(response.status_code, 200, (path, username))
                if path.endswith("/xlsx/"):
                    import openpyxl

                    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
                    text = " ".join(str(value) for row in sheet.iter_rows(values_only=True) for value in row)
                else:
                    text = response.content.decode("utf-8-sig")
                for country, region in names.items():
                    visible = username == "admin" or username.startswith(f"{region}-")
                    self.assertEqual(country in text, visible, (path, username, country))
            for path in jobs:
                response = self.client.get(path)
                owner = username == f"{OWN}-coordinator"
                self.assertEqual(response.status_code == 200, owner, (path, username, response.status_code))
                if path.endswith("/download/"):
                    self.assertEqual(UNPUBLISHED.encode() in response.content, owner, (path, username))
