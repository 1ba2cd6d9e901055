from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PacksConfig(AppConfig):
    name = "campaign.packs"
    label = "packs"
    verbose_name = _("Teacher packs")

    def ready(self):
        from . import signals  # noqa: F401 (connects the receivers)
