"""Forms of the coordinators' translation screens."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from ..models import ExportJob, FileFormat


def target_language_choices():
    """Every language: a region's source language is its own (Spanish for Latin America), so
    English is a target like any other."""
    return list(settings.LANGUAGES)


class ExportForm(forms.Form):
    region = forms.ModelChoiceField(queryset=None, label=_("Region"), to_field_name="short_code")
    language = forms.ChoiceField(label=_("Translate into"), choices=target_language_choices)
    file_format = forms.ChoiceField(
        label=_("File format"), choices=FileFormat.choices, initial=FileFormat.XLIFF, widget=forms.RadioSelect
    )
    scope = forms.ChoiceField(
        label=_("What to export"),
        choices=ExportJob.Scope.choices,
        initial=ExportJob.Scope.MISSING,
        widget=forms.RadioSelect,
    )
    pages = forms.ModelMultipleChoiceField(
        queryset=Page.objects.none(),
        required=False,
        label=_("Pages"),
        widget=forms.MultipleHiddenInput,
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        self.fields["pages"].queryset = Page.objects.filter(depth__gt=1)

    def clean(self):
        cleaned = super().clean()
        region, pages = cleaned.get("region"), cleaned.get("pages")
        if region is not None and cleaned.get("language") == region.source_language:
            self.add_error("language", _("This is the region's source language: choose a language to translate into."))
        if cleaned.get("scope") == ExportJob.Scope.PAGES:
            if not pages:
                self.add_error("pages", _("Choose at least one page to export."))
            elif region is not None and any(not page.path.startswith(region.path) for page in pages):
                self.add_error("pages", _("You can only export pages of the region you chose."))
        return cleaned


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Translated file"),
        help_text=_("An XLIFF 1.2 or 2.0 (.xlf, .xliff) or PO (.po) file exported from this site and translated."),
    )
    language = forms.ChoiceField(
        label=_("Language of the translation"),
        choices=target_language_choices,
        help_text=_("The file must be a translation into this language."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.TRANSLATIONS_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large (at most %(limit)s KB)."),
                params={"limit": settings.TRANSLATIONS_IMPORT_MAX_BYTES // 1024},
            )
        return upload


class ConfirmImportForm(forms.Form):
    action = forms.ChoiceField(choices=[("apply", _("Save as drafts")), ("discard", _("Discard"))])
