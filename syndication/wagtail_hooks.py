"""The embed generator in the admin: every editor may make a snippet for a partner site
(it shows only what the public site shows)."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .embeds import admin_generator


@hooks.register("register_admin_urls")
def register_embed_urls():
    return [path("embeds/", admin_generator, name="syndication_embeds")]


@hooks.register("register_admin_menu_item")
def register_embed_menu_item():
    return MenuItem(_("Embeds for partner sites"), reverse("syndication_embeds"), icon_name="code", order=900)
