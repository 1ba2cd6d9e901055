"""List fields stored as JSON: the one list-of-choices field, and the base of every list field.

JSON works the same on SQLite and PostgreSQL and travels in page revisions. Filtering by
one value uses ``json_list_has`` (``__contains`` on JSON lists does not work on SQLite).
Capabilities subclass ``ChoicesListField`` in their own modules so their migrations keep their
own paths: the library's ``CodeListField``, the events' ``ChoicesListField`` (blank by
default), the language core's ``LanguageCodesField`` (the site's languages, read from
settings); the events' ``DateListField`` is a ``ListField`` of dates.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _


class ListField(models.JSONField):
    """A JSON list (empty by default) with a form field of its own kind."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("default", list)
        super().__init__(*args, **kwargs)

    def form_options(self) -> dict:
        """What every list form field takes from the model field."""
        return {"required": not self.blank, "label": capfirst(self.verbose_name), "help_text": self.help_text}


class ChoicesListField(ListField):
    """A list of codes from a fixed set of choices, edited as checkboxes."""

    #: Said of the codes a value holds outside the choices.
    unknown_message = _("Unknown value(s): %(codes)s.")

    def __init__(self, *args, list_choices=(), **kwargs):
        self.list_choices = list(list_choices)
        super().__init__(*args, **kwargs)

    def get_list_choices(self):
        """The (code, label) pairs a value may hold; a subclass may read them when used."""
        return self.list_choices

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["list_choices"] = self.list_choices
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return forms.MultipleChoiceField(
            choices=self.get_list_choices(), widget=forms.CheckboxSelectMultiple, **self.form_options()
        )

    def validate(self, value, model_instance):
        super().validate(value, model_instance)
        known = {code for code, _label in self.get_list_choices()}
        unknown = [code for code in value or [] if code not in known]
        if unknown:
            raise ValidationError(self.unknown_message, params={"codes": ", ".join(map(str, unknown))})


def json_list_has(field: str, value: str) -> dict:
    """Lookup kwargs for "the JSON list in ``field`` contains ``value``"."""
    return {f"{field}__icontains": f'"{value}"'}
