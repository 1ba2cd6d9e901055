"""The upload forms: a partner's (public) and a coordinator's (admin)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ..submissions.cleaning import single_line
from .reading import MAX_BYTES


class UploadForm(forms.Form):
    organisation = forms.CharField(label=_("Organisation"), max_length=200)
    contact_email = forms.EmailField(
        label=_("Contact email"), help_text=_("Only moderators see it. We write to you about these events only.")
    )
    file = forms.FileField(
        label=_("Spreadsheet (XLSX or CSV UTF-8)"),
        help_text=_("At most 5,000 events and 5 MB. Start from the template."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,text/csv"}),
    )
    website = forms.CharField(
        required=False,
        label=_("Leave this empty"),
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def clean_organisation(self):
        return single_line(self.cleaned_data["organisation"])

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Leave this field empty."))
        return ""

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB. Split it into several files."))
        return upload


class ConfirmForm(forms.Form):
    include_duplicates = forms.BooleanField(label=_("Also import the rows marked as likely duplicates"), required=False)


class AdminUploadForm(UploadForm):
    calendar = forms.ChoiceField(label=_("Calendar"))
    publish = forms.BooleanField(
        label=_("Publish directly (skip moderation)"),
        required=False,
        help_text=_("Only where you may publish. Otherwise the events wait in the region's moderation queue."),
    )

    def __init__(self, *args, calendars=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.calendars = {str(page.pk): page for page in calendars}
        self.fields["calendar"].choices = [(pk, page.get_admin_display_title()) for pk, page in self.calendars.items()]
        del self.fields["website"]

    def clean_calendar(self):
        return self.calendars[self.cleaned_data["calendar"]]
