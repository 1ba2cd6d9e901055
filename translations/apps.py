"""The translations app: the language core, every modeltranslation registration and the
coordinators' translation workflow (see the package docstring)."""

from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    name = "translations"
    verbose_name = _("Translations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .workflow.stamps import on_post_delete, on_post_save

        # Every registered model, including ones other apps add later: the handler checks
        # the registry itself.
        post_save.connect(on_post_save, dispatch_uid="translations_source_stamps")
        post_delete.connect(on_post_delete, dispatch_uid="translations_coverage_statuses")
