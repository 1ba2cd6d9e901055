"""Events' list fields: choices (audience, age bands; the implementation is shared) and local dates."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from sitecontent.fields import ChoicesListField as SharedChoicesListField
from sitecontent.fields import ListField, json_list_has

__all__ = ["ChoicesListField", "DateListField", "DateListFormField", "json_list_has"]


class ChoicesListField(SharedChoicesListField):
    """Blank by default: an event may leave audience or ages open."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)


class DateListFormField(forms.CharField):
    """Local dates typed one per line (or separated by commas), as ``YYYY-MM-DD``."""

    widget = forms.Textarea(attrs={"rows": 3, "dir": "ltr"})

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            return "\n".join(str(item) for item in value)
        return value

    def to_python(self, value):
        if isinstance(value, list | tuple):
            value = "\n".join(str(item) for item in value)
        text = super().to_python(value) or ""
        days = set()
        for part in text.replace(",", "\n").split():
            try:
                day = datetime.date.fromisoformat(part.strip())
            except ValueError:
                raise ValidationError(
                    _("%(value)s is not a date. Write dates as YYYY-MM-DD, one per line."),
                    params={"value": part[:20]},
                    code="invalid_date",
                ) from None
            days.add(day.isoformat())
        return sorted(days)


class DateListField(ListField):
    """A sorted list of ISO local dates (recurrence exceptions); travels in revisions as JSON."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return DateListFormField(max_length=4000, **self.form_options())
