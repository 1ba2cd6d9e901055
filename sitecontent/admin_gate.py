"""Admin views of Wagtail's that listed objects without asking the permission policies,
and the one gate every admin URL naming an object goes through first.

Each one is replaced by the same view asking the registered policy (``policy_registry``):
the page policy of ``sitecontent.policy`` and the collection-scoped image and document
policies of ``sitecontent.regions``.

- the admin API's ``images`` and ``documents`` endpoints listed every file of every
  region (``/admin/api/main/images/``): now the files the user may choose or change;
- the page types usage report named the last edited page of each type anywhere (another
  region's draft, a story under review): now the last edited page the user may explore.
"""

from __future__ import annotations

import logging

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as FormValidationError
from django.db.models import F, Q
from django.shortcuts import render
from django.utils.datastructures import MultiValueDictKeyError
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_snippet_models

from .policy import is_superuser

logger = logging.getLogger(__name__)

MEDIA_READ_ACTIONS = ["choose", "change"]


def media_visible_to(user, model, queryset):
    """``queryset`` reduced to the items of ``model`` that ``user`` may choose or change."""
    policy = policy_registry.get_by_type(model)
    allowed = policy.instances_user_has_any_permission_for(user, MEDIA_READ_ACTIONS)
    return queryset.filter(pk__in=allowed.values("pk"))


class GatedImagesAdminAPIViewSet(ImagesAdminAPIViewSet):
    def get_queryset(self):
        return media_visible_to(self.request.user, get_image_model(), super().get_queryset())


class GatedDocumentsAdminAPIViewSet(DocumentsAdminAPIViewSet):
    def get_queryset(self):
        return media_visible_to(self.request.user, get_document_model(), super().get_queryset())


def construct_admin_api(router):
    router.register_endpoint("images", GatedImagesAdminAPIViewSet)
    router.register_endpoint("documents", GatedDocumentsAdminAPIViewSet)


class GatedPageTypesUsageReportView(PageTypesUsageReportView):
    """Counts stay (numbers name nobody); the last edited page is one the user may explore."""

    def decorate_paginated_queryset(self, page_types):
        explorable = policy_registry.get_by_type(Page).explorable_instances(self.request.user)
        for item in page_types:
            latest = (
                explorable.filter(content_type_id=item.pk, depth__gt=1)
                .order_by(F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk")
                .first()
            )
            item.last_edited_page = latest.specific if latest is not None else None
        return page_types


# -- one gate for every admin URL that names a page, an image or a document --------------------
PAGE_URL_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "page_pk")
IMAGE_URL_KWARGS = ("image_id",)
DOCUMENT_URL_KWARGS = ("document_id", "doc_id")
#: The page columns ``is_public_page`` needs (a public page is anyone's: no tester needed).
GATE_PAGE_FIELDS = ("id", "path", "depth", "live")
#: URL namespaces whose ``pk`` is a page, an image, a document.
PK_NAMESPACES = {
    "wagtailadmin_pages": "page",
    "wagtailadmin_api:pages": "page",
    "wagtailimages": "image",
    "wagtailadmin_api:images": "image",
    "wagtailimages_chooser": "image",
    "wagtaildocs": "document",
    "wagtailadmin_api:documents": "document",
    "wagtaildocs_chooser": "document",
}


def is_public_page(page) -> bool:
    """Live, not private and not below an unpublished page: what any visitor may reach.

    One query over the page and its ancestors (a view restriction on any of them makes the
    page private; an unpublished one hides it from routing: ``routing.under_unpublished``).
    """
    if not page.live:
        return False
    step = page.steplen
    paths = [page.path[: step * depth] for depth in range(1, page.depth + 1)]
    return not (Page.objects.filter(path__in=paths).filter(Q(live=False) | Q(view_restrictions__isnull=False)).exists())


def user_can_see_page(user, page, *, public: bool | None = None) -> bool:
    """The question every page-scoped admin URL asks first (sitecontent.policy decides).

    A page one may act on (edit, publish, unpublish: including a moderator's page under
    review, through their workflow task) is theirs to see; a public page is anyone's
    anyway (choosers link to it, read-only); anything else (another region's draft,
    private page or page below an unpublished section, a story under review) is refused.
    """
    if is_superuser(user):
        return True
    if not user.is_active or user.is_anonymous:
        return False
    if public if public is not None else is_public_page(page):
        return True  # most admin URLs name public pages (an unpublished story is not)
    tester = page.permissions_for_user(user)
    return bool(tester.can_edit() or tester.can_publish() or tester.can_unpublish())


def user_can_see_media(user, model, item) -> bool:
    policy = policy_registry.get_by_type(model)
    return policy.user_has_any_permission_for_instance(user, ["choose", "change", "delete"], item)


#: Snippet actions that make one instance the user's to open (its edit, history, usage,
#: copy and delete views, its chooser's "chosen" answer).
SNIPPET_ACTIONS = ["view", "change", "delete", "choose"]


def snippet_model_for(namespace: str):
    """The snippet model whose admin (or chooser) URLs live in ``namespace``, or None."""
    for model in get_snippet_models():
        label = f"{model._meta.app_label}_{model._meta.model_name}"
        if namespace in (f"wagtailsnippets_{label}", f"wagtailsnippetchoosers_{label}"):
            return model
    return None


def user_can_see_snippet(user, model, item) -> bool:
    """A snippet instance the registered policy gives the user no action on is not theirs
    to open: another region's pack or help directory entry, a menu they may not edit."""
    if user.is_active and user.is_superuser:
        return True
    return policy_registry.get_by_type(model).user_has_any_permission_for_instance(user, SNIPPET_ACTIONS, item)


class AdminObjectGateMiddleware:
    """Before any admin view runs: an object named in the URL that the user may not see is
    refused (403, Wagtail's translated "permission denied"), whatever the view would have
    shown (explorer headers, choosers, move confirmation, revisions, API details). Not a
    404: LocaleMiddleware turns an admin 404 into a redirect to a language-prefixed URL."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not request.path.startswith("/admin/"):
            return None
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None  # the admin's own login redirect answers
        namespace = match.namespace or ""
        kind = PK_NAMESPACES.get(namespace)
        if "pk" in view_kwargs and namespace.startswith(("wagtailsnippets_", "wagtailsnippetchoosers_")):
            model = snippet_model_for(namespace)
            if model is not None:
                self.check_snippet(user, model, view_kwargs["pk"])
        for key, value in view_kwargs.items():
            if key in PAGE_URL_KWARGS or (key == "pk" and kind == "page"):
                self.check_page(user, value)
            elif key in IMAGE_URL_KWARGS or (key == "pk" and kind == "image"):
                self.check_media(user, get_image_model(), value)
            elif key in DOCUMENT_URL_KWARGS or (key == "pk" and kind == "document"):
                self.check_media(user, get_document_model(), value)
        return None

    def process_exception(self, request, exception):
        """An admin form posted without the fields its formsets count on (``body_en-count``
        missing: Wagtail's StreamField and modeltranslation read it unchecked) is the
        sender's mistake: a translated 400, never a 500. Nothing was saved (the view failed
        before saving); the editor goes back to the form they had."""
        if not request.path.startswith("/admin/") or request.method != "POST":
            return None
        if not isinstance(exception, MultiValueDictKeyError | FormValidationError) and not _form_without_field(
            exception
        ):
            return None
        logger.warning("Malformed admin POST to %s: %r", request.path, exception)
        return render(request, "sitecontent/admin_bad_form.html", status=400)

    @staticmethod
    def check_page(user, value):
        # The columns the policy reads, not every language's title, slug and path: selecting
        # the whole row (about eighty columns) cost more than the rest of the gate.
        page = Page.objects.filter(pk=_as_int(value)).only(*GATE_PAGE_FIELDS).first()
        if page is None or page.depth <= 1 or is_public_page(page):
            return  # the root, or a page anyone may reach: one query each
        # Not public: the permission tester decides, on the whole row (it reads more).
        if not user_can_see_page(user, Page.objects.get(pk=page.pk), public=False):
            raise PermissionDenied

    @staticmethod
    def check_snippet(user, model, value):
        try:
            item = model._default_manager.filter(pk=unquote(str(value))).first()
        except (TypeError, ValueError, FormValidationError):
            return  # not a key of this model: the view answers (not found)
        if item is not None and not user_can_see_snippet(user, model, item):
            raise PermissionDenied

    @staticmethod
    def check_media(user, model, value):
        item = model.objects.filter(pk=_as_int(value)).first()
        if item is not None and not user_can_see_media(user, model, item):
            raise PermissionDenied


def _form_without_field(exception) -> bool:
    """A model's ``clean()`` blamed a field its admin form does not have (Django's
    ``add_error`` then raises ValueError): Wagtail's multiple-upload "create from uploaded
    file" form validates a document before its file is attached (wagtail#11802)."""
    if not isinstance(exception, ValueError):
        return False
    traceback = exception.__traceback__
    while traceback is not None and traceback.tb_next is not None:
        traceback = traceback.tb_next
    frame = traceback.tb_frame if traceback is not None else None
    return bool(
        frame is not None
        and frame.f_code.co_name == "add_error"
        and frame.f_code.co_filename.endswith(("django/forms/forms.py", "django\\forms\\forms.py"))
    )


def _as_int(value) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return 0
