"""A list of codes from a fixed set of choices, stored as JSON and edited as checkboxes.

JSON works the same on SQLite and PostgreSQL and travels in page revisions. Filtering by
one value uses ``json_list_has`` (``__contains`` on JSON lists does not work on SQLite).
Capabilities subclass it in their own modules so their migrations keep their own paths.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class ChoicesListField(models.JSONField):
    def __init__(self, *args, list_choices=(), **kwargs):
        self.list_choices = list(list_choices)
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["list_choices"] = self.list_choices
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.list_choices,
            widget=forms.CheckboxSelectMultiple,
            required=not self.blank,
            label=capfirst(self.verbose_name),
            help_text=self.help_text,
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        known = {code for code, _label in self.list_choices}
        unknown = [code for code in value or [] if code not in known]
        if unknown:
            raise ValidationError(_("Unknown value(s): %(codes)s."), params={"codes": ", ".join(map(str, unknown))})


def json_list_has(field: str, value: str) -> dict:
    """Lookup kwargs for "the JSON list in ``field`` contains ``value``"."""
    return {f"{field}__icontains": f'"{value}"'}
