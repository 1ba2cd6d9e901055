"""A model field for a list of codes from a fixed vocabulary, edited as checkboxes."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _


class CodeListField(models.JSONField):
    """An ordered list of codes from ``vocabulary`` (a choices list), stored as JSON.

    JSON works the same on SQLite and PostgreSQL and travels in page revisions. The library
    never filters on this column: facets are read from ``LibraryFacet`` rows written on publish.
    """

    def __init__(self, *args, vocabulary=(), **kwargs):
        self.vocabulary = list(vocabulary)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["vocabulary"] = self.vocabulary
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.vocabulary,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=self.verbose_name,
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        known = {code for code, _label in self.vocabulary}
        unknown = [code for code in value or [] if code not in known]
        if unknown:
            raise ValidationError(_("Unknown value(s): %(codes)s."), params={"codes": ", ".join(unknown)})
