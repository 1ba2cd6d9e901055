"""Admin for the library's topic taxonomy, and the rule that keeps unpublished files private."""

from django.db.models import Q
from django.http import Http404
from django.urls import path, reverse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.models import Page
from wagtail.permissions import policy_registry, register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .admin_gate import construct_admin_api
from .library.permissions import TopicPolicy
from .lockouts import lockouts
from .models import Topic
from .public_files import document_is_public, editor_may_get
from .routing import under_unpublished

register_permission_policy(Topic, TopicPolicy(Topic))


@hooks.register("construct_admin_api", order=100)
def gate_admin_api(router):
    """After Wagtail's own: the images and documents endpoints ask the policies."""
    construct_admin_api(router)


@hooks.register("register_admin_urls")
def register_lockout_report_url():
    return [path("reports/sign-in-lockouts/", lockouts, name="sid_lockouts")]


@hooks.register("register_reports_menu_item")
def register_lockout_report_menu_item():
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
    """The page chooser (links, pack items, …) offers public pages anywhere (live, not
    private, not below an unpublished page), but others only where the user has page
    permissions: another region's stories under review, events, drafts or private pages
    are not theirs to read, not even by title (the rule of ``admin_gate.is_public_page``)."""
    user = request.user
    if user.is_active and user.is_superuser:
        return pages
    policy = policy_registry.get_by_type(Page)
    own = policy.instances_user_has_any_permission_for(user, ["add", "change", "publish"])
    public = Q(live=True) & ~Page.objects.all().private_q() & ~under_unpublished()
    return pages.filter(public | Q(pk__in=own.values("pk")))


@hooks.register("before_serve_document")
def hide_files_of_unpublished_items(document, request):
    """A file nothing public uses is not served to the public (sitecontent.public_files).

    Editors who can change or choose the document still get it (to preview their draft).
    """
    if document_is_public(document) or editor_may_get(getattr(request, "user", None), document):
        return None
    raise Http404
