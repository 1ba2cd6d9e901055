"""The help directory in the Wagtail admin: a snippet listing scoped to the user's region."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import BooleanColumn, Column
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, EditView, HistoryView, IndexView, SnippetViewSet, UsageView

from .forms import CountryHelpAdminForm
from .models import CountryHelp


class RegionScopedObjectMixin:
    """Entries of countries outside the user's region answer 404, as if they did not exist
    (the admin gate refuses them first: sitecontent.admin_gate)."""

    def _scoped_queryset(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["add", "change", "delete", "view"]
        )


class RegionScopedSingleObjectMixin(RegionScopedObjectMixin):
    def get_queryset(self):  # SingleObjectMixin (edit, delete)
        return self._scoped_queryset()


class RegionScopedListingMixin(RegionScopedObjectMixin):
    # History and usage are listings (of log entries, of references): their get_queryset
    # is the listing's, and only the object they are about is scoped.
    def get_base_object_queryset(self):  # BaseObjectMixin (history, usage)
        return self._scoped_queryset()


class CountryHelpEditView(RegionScopedSingleObjectMixin, EditView):
    pass


class CountryHelpDeleteView(RegionScopedSingleObjectMixin, DeleteView):
    pass


class CountryHelpHistoryView(RegionScopedListingMixin, HistoryView):
    pass


class CountryHelpUsageView(RegionScopedListingMixin, UsageView):
    pass


class CountryHelpIndexView(IndexView):
    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not self.results_only:
            # Entries this user may see that still carry demo data: one count query.
            context["demo_entry_count"] = self._scoped_demo_entries().count()
            context["demo_filter_url"] = f"{self.request.path}?is_demo_data=true"
        return context

    def _scoped_demo_entries(self):
        return self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ["add", "change", "delete", "view"]
        ).filter(is_demo_data=True)

    def get_base_queryset(self):
        queryset = super().get_base_queryset()
        # Listing counts in one query, whatever the number of entries.
        return queryset.annotate(helpline_count=Count("helplines", distinct=True))


class CountryHelpViewSet(SnippetViewSet):
    model = CountryHelp
    icon = "help"
    menu_label = _("Help directory")
    menu_name = "help-directory"
    menu_order = 250
    add_to_admin_menu = True
    copy_view_enabled = False  # one entry per country: a copy could never be saved
    index_view_class = CountryHelpIndexView
    index_template_name = "helplines/admin/index.html"
    edit_view_class = CountryHelpEditView
    delete_view_class = CountryHelpDeleteView
    history_view_class = CountryHelpHistoryView
    usage_view_class = CountryHelpUsageView
    list_filter = ["is_demo_data"]
    list_display = [
        "__str__",  # the title column, linking to the edit view
        Column("helpline_count", label=_("Helplines")),
        BooleanColumn("is_demo_data", label=_("Demo data: verify before launch")),
        Column("last_verified", label=_("Last verified"), sort_key="last_verified"),
        Column("updated_at", label=_("Updated"), sort_key="updated_at"),
    ]

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(
            request.user, ["add", "change", "delete", "view"]
        )


# The form restricts the country choice to the user's region (see forms.py).
CountryHelp.base_form_class = CountryHelpAdminForm
register_snippet(CountryHelpViewSet)
