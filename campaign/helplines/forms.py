"""Admin and public forms of the help directory."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from translations.core.snippet_forms import SourceLanguageModelForm

from .permissions import ALL_COUNTRIES, editable_countries


class CountryHelpAdminForm(SourceLanguageModelForm):
    """Offers a coordinator only the countries of their own region; names are required in the
    source language of the country's region only (translations.core.snippet_forms)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = editable_countries(self.for_user)
        field = self.fields.get("country")
        if field is not None and allowed is not ALL_COUNTRIES:
            field.choices = [(code, name) for code, name in field.choices if not code or code in allowed]

    def clean_country(self):
        country = self.cleaned_data.get("country")
        allowed = editable_countries(self.for_user)
        if country and allowed is not ALL_COUNTRIES and str(country) not in allowed:
            raise forms.ValidationError(_("You can only edit help entries for the countries of your region."))
        return country


class CountryChoiceForm(forms.Form):
    """The visitor's country picker: a plain GET form, so it works without JavaScript."""

    country = forms.ChoiceField(
        label=_("Your country"),
        error_messages={
            "required": _("Choose your country from the list."),
            "invalid_choice": _("We do not know that country. Please choose it from the list."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per form so the names are sorted in the visitor's language.
        self.fields["country"].choices = [("", _("Choose your country"))] + list(countries)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("country"):
            cleaned["country"] = cleaned["country"].upper()
        return cleaned
