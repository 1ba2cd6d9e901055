from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "campaign.events"
    label = "events"
    verbose_name = _("Events")

    def ready(self):
        # The view functions the calendar's and the event's routes call by name
        # (sitecontent.page_views: models never import views).
        from . import (  # noqa: F401
            feeds,
            signals,  # noqa: F401 (connects the receivers)
            views,
        )
        from .bulk import views as bulk_views  # noqa: F401

        # The moderator's review panel on the event's editor (it reads services that import the model).
        from .panels import install
        from .submissions import views as submission_views  # noqa: F401

        install()
