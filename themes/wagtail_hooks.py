"""The main menus in the Wagtail admin (Settings > Main menus), edited by whoever holds the
``themes.*_navigationmenu`` permissions (global administrators by default)."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import NavigationMenu


class NavigationMenuViewSet(SnippetViewSet):
    model = NavigationMenu
    icon = "list-ul"
    menu_label = _("Main menus")
    add_to_settings_menu = True
    list_display = ["__str__"]


register_snippet(NavigationMenuViewSet)
