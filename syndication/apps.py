from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    """What national sites take from us: the open read API and the embeddable widgets."""

    name = "syndication"
    verbose_name = "Syndication (read API and embeds)"
