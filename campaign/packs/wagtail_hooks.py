"""Admin for curated packs, scoped to the coordinator's regions."""

from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, EditView, SnippetViewSet

from .models import CuratedPack
from .permissions import RegionCoordinatorPolicy

register_permission_policy(CuratedPack, RegionCoordinatorPolicy(CuratedPack))


def scoped_packs(request):
    return RegionCoordinatorPolicy(CuratedPack).instances_user_has_any_permission_for(request.user, ["change"])


class ScopedEditView(EditView):
    def get_queryset(self):
        return scoped_packs(self.request)


class ScopedDeleteView(DeleteView):
    def get_queryset(self):
        return scoped_packs(self.request)


class CuratedPackViewSet(SnippetViewSet):
    model = CuratedPack
    icon = "folder-open-inverse"
    menu_label = _("Teacher packs")
    add_to_admin_menu = True
    menu_order = 320
    list_display = ["title", "region", Column("total_downloads", label=_("Downloads"), sort_key="total_downloads")]
    search_fields = ["title"]
    edit_view_class = ScopedEditView
    delete_view_class = ScopedDeleteView

    def get_queryset(self, request):
        # Downloads summed per pack, all languages: one aggregate query for the whole list.
        return (
            scoped_packs(request)
            .select_related("region")
            .annotate(total_downloads=Coalesce(Sum("download_counts__downloads"), 0))
        )


register_snippet(CuratedPackViewSet)
