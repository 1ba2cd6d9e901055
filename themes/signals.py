"""Read the branding and the menus again, in every process, after they change (themes.models)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import BRANDING, MENUS


@receiver(post_save, sender="themes.BrandingSettings")
def branding_saved(sender, created=False, **kwargs):
    # A new row changes nothing stored: no site's branding can be stored before its row
    # exists (the first read creates it, BaseSiteSetting.for_site), and a deleted one was
    # dropped with it (below).
    if not created:
        BRANDING.changed()


@receiver(post_delete, sender="themes.BrandingSettings")
def branding_deleted(sender, **kwargs):
    BRANDING.changed()


@receiver(post_save, sender="themes.NavigationMenu")
@receiver(post_delete, sender="themes.NavigationMenu")
@receiver(post_save, sender="themes.NavigationItem")
@receiver(post_delete, sender="themes.NavigationItem")
def menus_changed(sender, **kwargs):
    MENUS.changed()
