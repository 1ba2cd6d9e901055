from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "campaign.certificates"
    label = "certificates"
    verbose_name = _("Certificates")

    def ready(self):
        # The certificate views the stories' and events' private pages call by name (sitecontent.page_views).
        from . import views  # noqa: F401
