"""A permission matrix generated from the URL resolver: every admin URL × role × region.

Every URL pattern under ``/admin/`` that the resolver knows is requested, so an admin URL
added later is covered without editing this file. A pattern with parameters is filled by
``fill`` with the objects of ``matrix_objects`` (every region's pages in every state, its
files, collection, workflow, queue items, snippets and owned jobs; the global site,
settings, users and groups), or it is one of the few ``EXCLUDED`` patterns, each with its
reason; otherwise ``test_every_admin_url_is_covered`` fails. Snippet URLs are filled with
the instances of their model: a snippet model registered later without matrix objects
fails that test too.

Each planned URL is requested (GET, then POST with an empty body) by every region's
coordinator and moderator, an anonymous visitor and an administrator. The plan takes one
region's object per URL and kind, the regions taking turns (``covered``): each URL meets
each role inside the object's region and from the other region, and each region's objects
are crossed into from the other (both ways). Global objects are tried by one coordinator
and one moderator (``GLOBAL_TRIERS``); administrators and moderators on what the public
sent, a draft and a live page (coordinators on every kind); a view that answered the administrator's every GET
(or POST) with 405 is not sent that method by the others. Every request runs in a
transaction rolled back afterwards; when it wrote to the database, the objects are read
again. The answers come from the one policy (sitecontent/policy.py):

- nobody outside a region sees the title of its unpublished or private objects, by any URL;
- a child's story in moderation (its title, text, phone number and address) is read by its
  region's moderators and administrators only;
- a request changes nothing it is not allowed to change: nobody changes another region's
  objects; coordinators never change a story in moderation; moderators change nothing but
  what is in their region's queue; what the public sent goes live only through its
  workflow's approval (its region's moderators, or an administrator), never otherwise;
- no answer is a 5xx.

``benchmarks/admin_matrix.py`` prints the matrix size and run time.
"""

from __future__ import annotations

import io
import re
from collections import defaultdict
from types import SimpleNamespace

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.test import TestCase
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import translation
from wagtail.models import Page, WorkflowState

from tests.factories import build_site_tree

from . import matrix_objects
from .matrix_objects import ADDRESS, CHILD, PAGE_KINDS, PHONE, REGIONS, SENT_BY_PUBLIC, UNPUBLISHED

ROLES = ("coordinator", "moderator")
#: The administrator first: the URLs answering its GETs with 405 accept only POST, for everyone.
USERS = ("admin", *(f"{code}-{role}" for code in REGIONS for role in ROLES), None)
#: Tried on global objects (the site, a user, a group, the edition, …): one coordinator and one
#: moderator, of different regions. A global object has no region to cross.
GLOBAL_TRIERS = ("eu-coordinator", "latam-moderator")
#: The page kinds administrators and moderators are tried on (see ``tried``).
ADMIN_PAGE_KINDS = ("story", "event", "draft", "live")
NONE = ("none",)  # a URL naming no object (listings, forms): read, never posted to
PAGE_PARAMS = {"page_id", "parent_page_id", "page_to_move_id", "page_pk"}

#: The only admin URL patterns not requested, and why. Kept small (``MAX_EXCLUDED``).
EXCLUDED = {
    "wagtailadmin_error_test": "Wagtail's deliberate 500 (/admin/failwhale/) for checking error reporting",
    "wagtailadmin_logout": "ends the session the matrix runs in, and names no object",
}
MAX_EXCLUDED = 3
#: Export formats of the impact dashboard (campaign.reach).
REACH_FORMATS = ("csv", "xlsx")
#: What a region's moderators may change: what is in their queue.
MODERATED = {("page", "story"), ("page", "event"), ("queue_item",), ("submission",), ("event_submission",)}
#: What a region's coordinators may change beyond their region's pages (not its stories).
COORDINATED = {"image", "document", "pack", "help"}
#: Objects one person owns (the region's coordinator).
OWNED = {
    "reach_export",
    "translation_export",
    "translation_import",
    "event_upload",
    "image_upload",
    "document_upload",
    "editing_session",
}
#: URLs through which what the public sent may go live: its workflow's approval.
APPROVAL_URLS = {"wagtailadmin_pages:workflow_action", "sid_workflow_action", "moderation:review"}
#: The fields read to tell whether a request changed an object, per model.
FIELDS = {
    "wagtailcore.page": ("live", "url_path", "title", "locked", "latest_revision_id", "has_unpublished_changes"),
    "wagtailimages.image": ("title", "collection_id", "file"),
    "wagtaildocs.document": ("title", "collection_id", "file"),
    "wagtailcore.collection": ("name", "path"),
    "wagtailcore.workflow": ("name", "active"),
    "wagtailcore.groupapprovaltask": ("name", "active"),
    "moderation.moderationitem": ("is_open", "decided_at"),
    "stories.submission": ("status", "decided_at", "rejection_reason"),
    "events.eventsubmission": ("status", "decided_at", "rejection_reason"),
    "packs.curatedpack": ("title", "slug", "region_id"),
    "helplines.countryhelp": ("country", "emergency_number", "centre_name"),
    "themes.navigationmenu": ("region_id", "placement"),
    "reach.exportjob": ("status", "user_id"),
    "translations.exportjob": ("status", "requested_by_id"),
    "translations.importbatch": ("status",),
    "events.eventupload": ("status", "created_count"),
    "wagtailcore.uploadedfile": ("file",),
    "wagtailadmin.editingsession": ("user_id", "is_editing"),
    "wagtailcore.site": ("hostname", "root_page_id", "is_default_site", "site_name"),
    "themes.brandingsettings": ("theme", "site_name"),
    "wagtailredirects.redirect": ("old_path", "redirect_link", "redirect_page_id"),
    "auth.user": ("username", "is_active", "is_superuser", "email", "password"),
    "auth.group": ("name",),
    "editions.edition": ("year", "theme"),
    "sitecontent.topic": ("name", "slug"),
}


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
    return [a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)]


def build_path(route: str, values: dict) -> str:
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m.group(1)]), path)
    path = path.replace("^", "").replace("$", "").replace("\\.", ".")
    return "/" + path


def region_and_role(username):
    code, _, role = (username or "").partition("-")
    return code, role


class WriteWatch:
    """Tells whether a request wrote to a table the matrix reads its objects from (sessions,
    log entries, editing sessions and the like are not read: writing them changes nothing
    the matrix checks)."""

    WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)

    def __init__(self, tables):
        self.tables = set(tables)
        self.wrote = False
        self.snapshots = 0

    def __call__(self, execute, sql, params, many, context):
        write = self.WRITE.match(sql)
        if write and write.group(1) in self.tables:
            self.wrote = True
        return execute(sql, params, many, context)


class AdminMatrixTests(TestCase):
    @classmethod
    def setUpTestData(cls):
        translation.activate("en")
        cls.tree = tree = build_site_tree()
        built = matrix_objects.build(tree)
        cls.objects = built.objects
        cls.pages = {}
        for key, (_model, pk) in cls.objects.items():
            if key[0] != "page":
                continue
            page = Page.objects.get(pk=pk)
            state = page.current_workflow_state
            task_state = state.current_task_state if state else None
            revision = page.latest_revision
            cls.pages[key] = SimpleNamespace(
                pk=pk,
                region=key[1],
                revision=revision.pk if revision else 0,
                workflow_state=state.pk if state else None,
                task_state=task_state.pk if task_state else None,
                task=task_state.task_id if task_state else None,
                app_label=page.specific_class._meta.app_label,
                model_name=page.specific_class._meta.model_name,
            )
        # The impact dashboard's export of Europe's coordinator (test_impact_dashboard_region_scope).
        cls.export_job = SimpleNamespace(pk=cls.objects[("reach_export", "eu")][1])

    # -- filling URL patterns -----------------------------------------------------------
    def keys(self, kind: str) -> list[tuple]:
        return [key for key in self.objects if key[0] == kind]

    def one_per_object(self, route, kind, param_values) -> list[tuple[tuple, str]]:
        """One path per object of ``kind``: ``param_values(pk)`` gives the URL's values."""
        return [(key, build_path(route, param_values(self.objects[key][1]))) for key in self.keys(kind)]

    def fill(self, route: str, name: str) -> list[tuple[tuple, str]] | None:
        """(object key, path) for each object the pattern is tried with; None if unknown."""
        params = set(params_of(route))
        namespace, _, view = name.rpartition(":")
        if name in EXCLUDED:
            return []
        if name == "wagtail_bulk_action":
            return self.bulk_paths(route)
        if name == "reach:export":
            return [(NONE, build_path(route, {"fmt": fmt})) for fmt in REACH_FORMATS]
        if not params:
            return [(NONE, build_path(route, {}))]
        if namespace.startswith(("wagtailsnippets_", "wagtailsnippetchoosers_")):
            return self.snippet_paths(route, namespace, params)
        if name in (
            "wagtailadmin_pages:type_use",
            "wagtailadmin_pages:type_use_results",
            "wagtailadmin_pages:choose_parent",
        ):
            # Pages of a type (listing): the story type, whose drafts hold a child's text.
            return [
                (
                    NONE,
                    build_path(
                        route,
                        dict.fromkeys(params & {"content_type_app_name", "app_label"}, "stories")
                        | dict.fromkeys(params & {"content_type_model_name", "model_name"}, "storypage"),
                    ),
                )
            ]
        if name == "wagtailadmin_tag_model_autocomplete":
            return [
                (NONE, build_path(route, {"app_name": app, "model_name": model}))
                for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
            ]
        if name == "wagtailadmin_password_reset_confirm":
            return [(NONE, build_path(route, {"uidb64": "MQ", "token": "set-password"}))]
        if name == "wagtailadmin_workflows:add_task":
            return [(NONE, build_path(route, {"app_label": "wagtailcore", "model_name": "groupapprovaltask"}))]
        if name == "wagtailadmin_workflows:remove":
            return [
                (
                    ("workflow", code),
                    build_path(
                        route,
                        {
                            "page_pk": self.pages[("page", code, "section")].pk,
                            "workflow_pk": self.objects[("workflow", code)][1],
                        },
                    ),
                )
                for code in REGIONS
            ]
        if name.startswith("wagtailadmin_editing_sessions:ping"):
            return self.page_paths(
                route, params, extra={"app_label": "wagtailcore", "model_name": "page", "session_id": 0}
            )
        if params & PAGE_PARAMS or namespace in ("wagtailadmin_pages", "wagtailadmin_api:pages", "wagtailforms"):
            return self.page_paths(route, params)
        by_name = self.FILL_BY_NAME.get(name) or self.FILL_BY_NAME.get(namespace)
        if by_name is not None:
            kind, param = by_name
            if params != {param}:
                return None
            return self.one_per_object(route, kind, lambda pk: {param: pk})  # noqa: B023
        if namespace.startswith(("wagtailimages", "wagtailadmin_api:images")):
            return self.one_per_object(route, "image", lambda pk: {p: self.image_value(p, pk) for p in params})
        if namespace.startswith(("wagtaildocs", "wagtailadmin_api:documents")):
            return self.one_per_object(route, "document", lambda pk: dict.fromkeys(params, pk))
        if namespace == "wagtailsettings":
            site = self.objects[("site",)][1]
            values = {"app_name": "themes", "model_name": "brandingsettings", "pk": site}
            return [(("settings",), build_path(route, values))]
        return None

    #: URL name (or namespace) -> (object kind, the URL's one parameter).
    FILL_BY_NAME = {
        "wagtailadmin_collections:edit": ("collection", "pk"),
        "wagtailadmin_collections:delete": ("collection", "pk"),
        "wagtailadmin_collections:set_privacy": ("collection", "collection_id"),
        "wagtailadmin_workflows:enable": ("workflow", "pk"),
        "wagtailadmin_workflows:disable": ("workflow", "pk"),
        "wagtailadmin_workflows:edit": ("workflow", "pk"),
        "wagtailadmin_workflows:usage": ("workflow", "pk"),
        "wagtailadmin_workflows:usage_results": ("workflow", "pk"),
        "wagtailadmin_workflows:edit_task": ("task", "pk"),
        "wagtailadmin_workflows:disable_task": ("task", "pk"),
        "wagtailadmin_workflows:enable_task": ("task", "pk"),
        "wagtailadmin_workflows:task_chosen": ("task", "task_id"),
        "wagtailadmin_editing_sessions:release": ("editing_session", "session_id"),
        "sid_translations:export_detail": ("translation_export", "pk"),
        "sid_translations:export_download": ("translation_export", "pk"),
        "sid_translations:import_preview": ("translation_import", "pk"),
        "moderation:review": ("queue_item", "pk"),
        "events_reject_submission": ("event_submission", "submission_id"),
        "events_upload_detail": ("event_upload", "upload_id"),
        "stories_admin:review": ("submission", "pk"),
        "stories_admin:picture": ("submission", "pk"),
        "reach:export_status": ("reach_export", "pk"),
        "reach:export_download": ("reach_export", "pk"),
        "wagtailredirects:edit": ("redirect", "redirect_id"),
        "wagtailredirects:delete": ("redirect", "redirect_id"),
        "wagtailimages:create_multiple_from_uploaded_image": ("image_upload", "uploaded_file_id"),
        "wagtailimages:delete_upload_multiple": ("image_upload", "uploaded_file_id"),
        "wagtaildocs:create_multiple_from_uploaded_document": ("document_upload", "uploaded_file_id"),
        "wagtaildocs:delete_upload_multiple": ("document_upload", "uploaded_file_id"),
        "wagtailsites": ("site", "pk"),
        "wagtailusers_users": ("user", "pk"),
        "wagtailusers_groups": ("group", "pk"),
    }

    def image_value(self, param, pk):
        return "max-165x165" if param == "filter_spec" else pk

    def snippet_paths(self, route, namespace, params):
        model_label = namespace.split("_", 1)[1]  # "<app>_<model>", the model without underscores
        keys = [
            key
            for key, (model, _pk) in self.objects.items()
            if f"{model._meta.app_label}_{model._meta.model_name}" == model_label
        ]
        if params != {"pk"} or not keys:
            return None  # a snippet model without matrix objects: add them (matrix_objects)
        return [(key, build_path(route, {"pk": self.objects[key][1]})) for key in keys]

    def page_paths(self, route, params, extra=None):
        from wagtail.admin.api.views import PagesAdminAPIViewSet

        paths = []
        actions = (
            list(PagesAdminAPIViewSet.actions)
            if "action_name" in params and "task_state_id" not in params
            else ["approve"]
        )
        for key, page in self.pages.items():
            if ({"task_state_id", "task_id", "workflow_state_id"} & params) and page.task_state is None:
                continue
            other = next(code for code in REGIONS if code != page.region)
            values = {
                "page_id": page.pk,
                "parent_page_id": page.pk,
                "page_to_move_id": page.pk,
                "page_pk": page.pk,
                "pk": page.pk,
                "object_id": page.pk,
                "destination_id": self.tree.regions[other].pk,
                "revision_id": page.revision,
                "revision_id_a": "earliest",
                "revision_id_b": "latest",
                "task_state_id": page.task_state or 0,
                "task_id": page.task or 0,
                "workflow_state_id": page.workflow_state or 0,
                "content_type_app_name": page.app_label,
                "content_type_model_name": page.model_name,
                **(extra or {}),
            }
            if params - set(values) - {"action_name"}:
                return None
            for action in actions:
                paths.append((key, build_path(route, {**values, "action_name": action})))
        return paths

    def bulk_paths(self, route):
        from wagtail.admin.views.bulk_action.registry import bulk_action_registry

        paths = []
        for key, (model, pk) in self.objects.items():
            meta = model._meta
            if key[0] == "page":
                meta = Page._meta
            for action in bulk_action_registry.get_bulk_actions_for_model(meta.app_label, meta.model_name):
                values = {"app_label": meta.app_label, "model_name": meta.model_name, "action": action.action_type}
                paths.append((key, build_path(route, values) + f"?id={pk}"))
        return paths

    # -- what may change, what may be read -------------------------------------------------
    def snapshot(self):
        by_model = defaultdict(dict)
        for key, (model, pk) in self.objects.items():
            by_model[model][pk] = key
        state = {}
        for model, keys in by_model.items():
            label = model._meta.label_lower
            if model is get_user_model():
                label = "auth.user"
            if issubclass(model, Page):
                model, label = Page, "wagtailcore.page"
            rows = dict.fromkeys(keys.values())
            for pk, *values in model._base_manager.filter(pk__in=list(keys)).values_list("pk", *FIELDS[label]):
                rows[keys[pk]] = tuple(values)
            state.update(rows)
        in_workflow = set(
            WorkflowState.objects.filter(
                status="in_progress", object_id__in=[str(p.pk) for p in self.pages.values()]
            ).values_list("object_id", flat=True)
        )
        for key, page in self.pages.items():
            state[key] = (state[key], str(page.pk) in in_workflow)
        return state

    @staticmethod
    def may_change(username, key) -> bool:
        if username == "admin":
            return True
        code, role = region_and_role(username)
        if username is None or len(key) < 2 or key[1] != code:
            return key == ("topic",) and role == "coordinator"  # the shared topics: every coordinator
        if role == "moderator":
            return (key[0], *key[2:]) in MODERATED
        if key[0] == "page":
            return key[2] != "story"
        return key[0] in COORDINATED or key[0] in OWNED

    @staticmethod
    def hidden_from(username) -> list[str]:
        code, role = region_and_role(username)
        hidden = []
        for region in REGIONS:
            if username != "admin" and region != code:
                hidden.append(f"{UNPUBLISHED}{region}")
            if username != "admin" and not (region == code and role == "moderator"):
                hidden += [f"{CHILD}{region}", PHONE[region], ADDRESS[region]]
        return hidden

    @staticmethod
    def tried(username, key) -> bool:
        """Whether ``username``'s row of the matrix requests URLs naming ``key``: every
        planned URL, except that global objects are tried by ``GLOBAL_TRIERS`` (and the
        administrator and anonymous visitors) only, and that administrators (who may change
        any page) and moderators (who hold no page permission) are tried on the pages what
        they may do depends on (what the public sent) and on a draft and a live page
        (``ADMIN_PAGE_KINDS``). Coordinators are tried on every kind: the private page, the
        page below an unpublished section and the stories section meet both regions'
        coordinators, inside their region and from the other."""
        if key == NONE or username is None:
            return True
        if username == "admin" or username.endswith("-moderator"):
            if key[0] == "page" and key[2] not in ADMIN_PAGE_KINDS:
                return False
        if username == "admin":
            return True
        return (len(key) >= 2 and key[1] in REGIONS) or username in GLOBAL_TRIERS

    # -- the tests -------------------------------------------------------------------------
    def covered(self):
        """The plan: (URL name, object key, path) for every pattern, and the uncovered ones.

        ``fill`` names every region's object of a kind; the plan takes one of them per URL
        (and per variant: each bulk or API action), the regions taking turns kind by kind.
        Every region's people request every planned URL (``tried``), so each URL meets each
        role in its own region and from the other region, and across the plan every region's
        objects are crossed into from the other one: both ways, once per URL and kind.
        """
        plan, uncovered, left_out = [], [], []
        turns = defaultdict(int)
        for route, name in admin_patterns():
            paths = self.fill(route, name)
            if paths is None or (name not in EXCLUDED and not paths):
                uncovered.append(f"{name or '(unnamed)'}: {route}")
                continue
            variants, seen = {}, defaultdict(int)
            for key, path in paths:
                if len(key) < 2 or key[1] not in REGIONS:
                    plan.append((name, key, path))
                    continue
                kind = (key[0], *key[2:])
                variant = seen[kind, key[1]]
                seen[kind, key[1]] += 1
                variants.setdefault((kind, variant), {})[key[1]] = (key, path)
            for (kind, _variant), by_region in variants.items():
                region = REGIONS[turns[kind] % len(REGIONS)]
                turns[kind] += 1
                for code, (key, path) in by_region.items():
                    (plan if code == region else left_out).append((name, key, path))
        # A kind named by a single URL (a queue item, an upload) is requested in every region.
        used = {key for _name, key, _path in plan}
        for name, key, path in left_out:
            if key not in used:
                plan.append((name, key, path))
                used.add(key)
        return plan, uncovered

    def test_every_admin_url_is_covered(self):
        _plan, uncovered = self.covered()
        self.assertEqual(uncovered, [], "fill these admin URLs with matrix objects, or exclude them with a reason")
        names = {name for _route, name in admin_patterns()}
        self.assertEqual(set(EXCLUDED) - names, set(), "EXCLUDED lists URL names that no longer exist")
        self.assertLessEqual(len(EXCLUDED), MAX_EXCLUDED, "exercise admin URLs rather than excluding them")
        for name, reason in EXCLUDED.items():
            self.assertGreater(len(reason.split()), 5, f"say why {name} is excluded")
        # Every region's objects are used (pages in every state), and snippet URLs are requested.
        self.assertEqual({key for key in self.pages}, {("page", code, kind) for code in REGIONS for kind in PAGE_KINDS})
        keys = {key for _name, key, _path in _plan}
        for key in self.objects:
            self.assertIn(key, keys, f"matrix object {key} fills no admin URL")
        self.assertTrue(any(name.startswith("wagtailsnippets_") for name, _key, _path in _plan))

    def request(self, method, path):
        if method == "get":
            return self.client.get(path)
        return self.client.post(path, {})

    def check(self, username, name, key, method, path, response, after, before, problems):
        """The answer to one request: no 5xx, no hidden text, no change it may not make."""
        if response.status_code >= 500:
            problems.append(f"{method.upper()} {path} as {username}: {response.status_code}")
        if method == "get":
            body = b"".join(response) if response.streaming else response.content
            text = body.decode("utf-8", "replace")
            for marker in self.hidden_from(username):
                if marker in text:
                    problems.append(f"GET {path} as {username} shows {marker}")
        if after is None:
            return
        for target, value in after.items():
            if value == before[target]:
                continue
            if not self.may_change(username, target):
                problems.append(f"{method.upper()} {path} as {username} changed {target}")
            if target[0] == "page" and target[2] in SENT_BY_PUBLIC and value[0] and value[0][0]:
                # What the public sent went live: only by its workflow's approval, by its
                # region's moderators or an administrator.
                approver = username in (f"{target[1]}-moderator", "admin")
                if not (approver and name in APPROVAL_URLS):
                    problems.append(f"{method.upper()} {path} as {username} published {target}")

    @pytest.mark.slow  # every admin URL x every role and region, GET and POST: make test-slow
    def test_matrix(self):
        import logging

        plan, _uncovered = self.covered()
        self.client.raise_request_exception = False
        before = self.snapshot()
        problems = []
        requests = 0
        models = {model for model, _pk in self.objects.values()}
        tables = {model._meta.db_table for model in models} | {Page._meta.db_table, WorkflowState._meta.db_table}
        tables |= {parent._meta.db_table for model in models for parent in model._meta.get_parent_list()}
        watch = WriteWatch(tables)
        logging.getLogger("django.request").setLevel(logging.ERROR)  # thousands of expected 403s
        answers = defaultdict(set)  # (URL name, method) -> status codes the administrator got
        post_only, get_only = set(), set()
        try:
            with connection.execute_wrapper(watch):
                for username in USERS:
                    if username is None:
                        self.client.logout()
                    else:
                        self.client.force_login(self.tree.users[username])
                    if username != USERS[0]:
                        # Views that answered the administrator's every GET (or POST) with 405
                        # do not accept that method (checked before the user): others skip it.
                        post_only = {
                            name for (name, method), codes in answers.items() if method == "get" and codes == {405}
                        }
                        get_only = {
                            name for (name, method), codes in answers.items() if method == "post" and codes == {405}
                        }
                    for name, key, path in plan:
                        if not self.tried(username, key):
                            continue
                        methods = [] if name in post_only else ["get"]
                        if (
                            key != NONE
                            and name not in get_only
                            and (username is not None or name == "wagtail_bulk_action")
                        ):
                            methods.append("post")  # anonymous: the admin's login redirect answers alike
                        for method in methods:
                            with transaction.atomic():
                                watch.wrote = False
                                response = self.request(method, path)
                                requests += 1
                                after = self.snapshot() if watch.wrote else None
                                watch.snapshots += watch.wrote
                                transaction.set_rollback(True)
                            if username == USERS[0]:
                                answers[name, method].add(response.status_code)
                            self.check(username, name, key, method, path, response, after, before, problems)
        finally:
            logging.getLogger("django.request").setLevel(logging.NOTSET)
        print(
            f"admin matrix: {len(plan)} URLs x {len(USERS)} users, {requests} requests, {watch.snapshots} wrote; {len(post_only)} POST-only and {len(get_only)} GET-only views"
        )
        self.assertEqual(problems, [], "\n".join(problems))

    def test_impact_dashboard_region_scope(self):
        """Every impact dashboard URL the resolver knows (page and exports) × every role:
        administrators see all regions, coordinators their own, moderators nothing; a large
        export's status and file are its owner's only."""
        from campaign.editions.models import Edition
        from campaign.reach.models import DailyFigure

        Edition.objects.create(year=2027, theme="Matrix")
        for region, country in (("eu", "BE"), ("latam", "MX")):
            DailyFigure.objects.create(
                day="2027-02-09", edition_year=2027, region=region, metric="events_by_country", key=country, value=40
            )
        names = {"Belgium": "eu", "Mexico": "latam"}
        reach = [(route, name) for route, name in admin_patterns() if name.startswith("reach:")]
        paths = [path for route, name in reach if "pk" not in params_of(route) for _key, path in self.fill(route, name)]
        jobs = [
            (key, path) for route, name in reach if "pk" in params_of(route) for key, path in self.fill(route, name)
        ]
        self.assertEqual(len(jobs), 2 * len(REGIONS))
        self.assertEqual(len(paths), 1 + len(REACH_FORMATS))
        for username in USERS:
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
            for (_kind, code), path in jobs:
                response = self.client.get(path)
                owner = username == f"{code}-coordinator"
                self.assertEqual(response.status_code == 200, owner, (path, username, response.status_code))
                if path.endswith("/download/"):
                    self.assertEqual(f"{UNPUBLISHED}{code}".encode() in response.content, owner, (path, username))
