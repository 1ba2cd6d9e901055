from django import forms
from django.utils.translation import gettext_lazy as _

from .models import NAME_MAX


class ClassCertificateForm(forms.Form):
    """A teacher's class took part: the class and school as they should be printed."""

    name = forms.CharField(
        label=_("Class"),
        max_length=NAME_MAX,
        help_text=_("As it should be printed, for example “Year 6 Blue” or “5e B”."),
    )
    school = forms.CharField(label=_("School"), max_length=NAME_MAX)


class OrganiserCertificateForm(forms.Form):
    name = forms.CharField(
        label=_("Name on the certificate"),
        max_length=NAME_MAX,
        help_text=_("Your name, or your organisation's, as it should be printed."),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=30,
        help_text=_("The code printed at the bottom of the certificate."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )
