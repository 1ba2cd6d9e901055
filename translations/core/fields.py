"""Model fields for languages: the list of the site's languages (the one list-of-choices field,
sitecontent.fields) and the source language of a shared item."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sitecontent.fields import ChoicesListField


class LanguageCodesField(ChoicesListField):
    """An ordered list of language codes from settings.LANGUAGES, edited as checkboxes.

    The choices are the site's languages, read when used: migrations record none.
    """

    description = _("List of language codes")
    unknown_message = _("Unknown language code(s): %(codes)s.")

    def get_list_choices(self):
        return settings.LANGUAGES

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        del kwargs["list_choices"]
        return name, path, args, kwargs


class SourceLanguageField(models.CharField):
    """The language a shared item (a topic, an edition) is written in first, chosen by its
    editor: only this language's texts are required (translations.core.source)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("verbose_name", _("source language"))
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("choices", settings.LANGUAGES)
        kwargs.setdefault("default", "en")
        kwargs.setdefault(
            "help_text",
            _(
                "The language this is written in first. Only this language is required; "
                "other languages show it while their translation is missing."
            ),
        )
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs
