"""Model fields for language lists."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class LanguageCodesField(models.JSONField):
    """An ordered list of language codes from settings.LANGUAGES, edited as checkboxes.

    Stored as JSON so it works the same on SQLite and PostgreSQL.
    """

    description = _("List of language codes")

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=settings.LANGUAGES,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        known = {code for code, _name in settings.LANGUAGES}
        unknown = [code for code in value or [] if code not in known]
        if unknown:
            raise ValidationError(_("Unknown language code(s): %(codes)s."), params={"codes": ", ".join(unknown)})


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
