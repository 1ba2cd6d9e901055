"""The translation workflow in the Wagtail admin: a menu item and a page action."""

from django.conf import settings
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html, json_script
from django.utils.translation import get_language, get_language_info, gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem

from .workflow import urls
from .workflow.coverage import can_use_workflow
from .workflow.dashboard import region_work_panel


@hooks.register("register_admin_urls")
def register_translation_urls():
    return [path("translations/", include((urls.urlpatterns, urls.app_name), namespace=urls.app_name))]


class TranslationsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_use_workflow(request.user)


@hooks.register("register_admin_menu_item")
def register_translations_menu_item():
    return TranslationsMenuItem(
        _("Translations"), reverse("sid_translations:coverage"), name="translations", icon_name="globe", order=350
    )


class ExportForTranslationButton(PageMenuItem):
    label = _("Export for translation")
    icon_name = "download"

    def is_shown(self, user):
        return can_use_workflow(user) and self.page.depth > 1 and self.page.permissions_for_user(user).can_edit()

    @property
    def url(self):
        return reverse("sid_translations:export_create") + f"?page={self.page.pk}"


@hooks.register("register_page_header_buttons")
def page_header_export_button(page, user, view_name, next_url=None):
    yield ExportForTranslationButton(page=page, priority=80)


@hooks.register("register_page_listing_more_buttons")
def page_listing_export_button(page, user, next_url=None):
    yield ExportForTranslationButton(page=page, priority=55)


@hooks.register("construct_homepage_panels")
def add_region_work_panel(request, panels):
    panel = region_work_panel(request)
    if panel is not None:
        panels.insert(0, panel)


@hooks.register("insert_editor_js", order=100)
def language_picker_labels():
    """Language names in their own script and each language's state on the picker buttons."""
    config = {
        "heading": gettext("Languages shown"),
        "editor": get_language(),
        "source": gettext("source language"),
        "states": {"complete": gettext("complete"), "partial": gettext("partial"), "empty": gettext("empty")},
        "languages": {
            code: {"name": get_language_info(code)["name_local"], "bidi": get_language_info(code)["bidi"]}
            for code, _name in settings.LANGUAGES
        },
    }
    return format_html(
        '{}<script src="{}"></script><link rel="stylesheet" href="{}">',
        json_script(config, "sid-language-picker"),
        static("translations/js/language_picker.js"),
        static("translations/css/language_picker.css"),
    )
