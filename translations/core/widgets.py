"""Form widgets that keep each language's name marked up as that language."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language_info


class LanguageSelect(forms.Select):
    """A ``<select>`` of languages whose options carry their own ``lang`` and ``dir``: the
    names are in their own language ("français", "العربية") and read as such."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value:
            try:
                info = get_language_info(str(value))
            except KeyError:
                return option
            option["attrs"] = {**option["attrs"], "lang": value, "dir": "rtl" if info["bidi"] else "ltr"}
        return option
