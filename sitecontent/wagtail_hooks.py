"""Admin for the library's topic taxonomy, and the rule that keeps unpublished files private."""

from django.db.models import Q
from django.http import Http404
from django.utils.text import capfirst
from wagtail import hooks
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .library.permissions import TopicPolicy
from .models import Topic

register_permission_policy(Topic, TopicPolicy(Topic))


@hooks.register("construct_admin_api", order=100)
def gate_admin_api(router):
    """After Wagtail's own: the images and documents endpoints ask the policies."""
    from .admin_gate import construct_admin_api

    construct_admin_api(router)


@hooks.register("register_admin_urls")
def register_lockout_report_url():
    from django.urls import path

    from .lockouts import lockouts

    return [path("reports/sign-in-lockouts/", lockouts, name="sid_lockouts")]


@hooks.register("register_reports_menu_item")
def register_lockout_report_menu_item():
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _
    from wagtail.admin.menu import AdminOnlyMenuItem

    return AdminOnlyMenuItem(_("Sign-in lock-outs"), reverse("sid_lockouts"), icon_name="lock", order=900)


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = capfirst(Topic._meta.verbose_name_plural)
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    add_to_admin_menu = True
    menu_order = 310


register_snippet(TopicViewSet)


@hooks.register("construct_page_chooser_queryset")
def hide_other_regions_drafts_from_choosers(pages, request):
    """The page chooser (links, pack items, …) offers published pages anywhere, but draft
    and unpublished pages only where the user has page permissions: another region's
    stories under review, events or drafts are not theirs to read, not even by title."""
    from wagtail.permissions import policy_registry

    user = request.user
    if user.is_active and user.is_superuser:
        return pages
    policy = policy_registry.get_by_type(Page)
    own = policy.instances_user_has_any_permission_for(user, ["add", "change", "publish"])
    return pages.filter(Q(live=True) | Q(pk__in=own.values("pk")))


def document_is_public(document) -> bool:
    """True when a live, public page uses the document in its published content.

    Uses are library files, a guide's download, and anything Wagtail's reference index
    records for a page (document blocks, rich-text links). The index is written from the
    page's row, which holds the published content of a live page, so a file attached only
    in a newer draft is not public yet. A document nothing published uses (an upload not
    yet attached, a file of a draft or of a withdrawn page) is not public either.
    """
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ReferenceIndex

    from .models import GuidePage, ResourceFile

    referencing = ReferenceIndex.get_references_to(document).filter(
        base_content_type=ContentType.objects.get_for_model(Page)
    )
    content_ids = [int(pk) for pk in referencing.values_list("object_id", flat=True).distinct() if pk.isdigit()]
    file_pages = ResourceFile.objects.filter(document_id=document.pk).values("page_id")
    guide_pages = GuidePage.objects.filter(download_id=document.pk).values("pk")
    used = Page.objects.filter(Q(pk__in=file_pages) | Q(pk__in=guide_pages) | Q(pk__in=content_ids))
    return used.live().public().exists()


@hooks.register("before_serve_document")
def hide_files_of_unpublished_items(document, request):
    """A file no live, public page uses is not served to the public (see document_is_public).

    Editors who can change or choose the document still get it (to preview their draft).
    """
    from wagtail.documents import get_document_model
    from wagtail.permissions import policy_registry

    if document_is_public(document):
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        policy = policy_registry.get_by_type(get_document_model())
        if policy.user_has_any_permission_for_instance(user, ["change", "choose"], document):
            return None
    raise Http404
