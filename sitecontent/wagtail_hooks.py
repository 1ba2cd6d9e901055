"""Admin for the library's topic taxonomy, and the rule that keeps draft files private."""

from django.db.models import Q
from django.http import Http404
from wagtail import hooks
from wagtail.models import Page
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .library.permissions import TopicPolicy
from .models import Topic

register_permission_policy(Topic, TopicPolicy(Topic))


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = Topic._meta.verbose_name_plural
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]
    add_to_admin_menu = True
    menu_order = 310


register_snippet(TopicViewSet)


@hooks.register("before_serve_document")
def hide_files_of_unpublished_items(document, request):
    """A file attached to library items, none of them live and public, is not served to the public.

    Editors who can change the document still get it (to preview their draft).
    """
    from wagtail.documents import get_document_model
    from wagtail.permissions import policy_registry

    from .models import GuidePage, ResourceFile

    file_pages = ResourceFile.objects.filter(document_id=document.pk).values("page_id")
    guide_pages = GuidePage.objects.filter(download_id=document.pk).values("pk")
    used = Page.objects.filter(Q(pk__in=file_pages) | Q(pk__in=guide_pages))
    # Served when some item using it is live and public; a private (view-restricted) item's
    # file is as private as the item.
    if not used.exists() or used.live().public().exists():
        return None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        policy = policy_registry.get_by_type(get_document_model())
        if policy.user_has_permission_for_instance(user, "change", document):
            return None
    raise Http404
