"""Editions in the Wagtail admin: one snippet per year, edited by whoever holds the
``editions.*_edition`` permissions (admins grant them to campaign coordinators)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Edition


class EditionViewSet(SnippetViewSet):
    model = Edition
    icon = "date"
    menu_label = _("Editions")
    add_to_admin_menu = True
    list_display = ["__str__", "theme", "date"]
    search_fields = ["theme", "slogan"]


register_snippet(EditionViewSet)
