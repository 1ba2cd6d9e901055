"""The story form, in words a ten-year-old understands; and the small report/withdraw forms."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from sitecontent.library.vocabulary import AGE_BANDS
from sitecontent.models import Topic
from translations.core.collation import collated

from . import pictures
from .consent import DEFAULT_CONSENT_AGE, DIGITAL_CONSENT_AGE, AgeBand, Reuse, consent_age, needs_parental_consent
from .models.cards import QUESTIONS_MAX, QUESTIONS_MIN, question_lines
from .models.submission import ALT_MAX, BODY_MAX, PEN_NAME_MAX, TITLE_MAX, ReportReason
from .text import normalise

NUL_MESSAGE = _("Some hidden characters are not allowed. Please type your text again.")


class SafeTextField(forms.CharField):
    """A CharField whose value is normalised (NFKC, no bidi or invisible characters)
    before its length is checked, so the stored text is exactly what was validated."""

    def to_python(self, value):
        if isinstance(value, str) and "\x00" in value:
            raise ValidationError(NUL_MESSAGE, code="null_characters_not_allowed")
        value = super().to_python(value)
        return normalise(value).text if value else value


TEXT_FIELDS = ("pen_name", "title", "body", "picture_alt")


class StoryForm(forms.Form):
    pen_name = SafeTextField(
        label=_("Pen name"),
        max_length=PEN_NAME_MAX,
        help_text=_("A made-up name. Please do not use your real name."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    age_band = forms.ChoiceField(label=_("How old are you?"), choices=AgeBand.choices, widget=forms.RadioSelect)
    country = forms.ChoiceField(label=_("Which country do you live in?"))
    language = forms.ChoiceField(label=_("Which language is your story in?"), choices=settings.LANGUAGES)
    title = SafeTextField(label=_("Title of your story"), max_length=TITLE_MAX)
    body = SafeTextField(
        label=_("Your story"),
        min_length=20,
        max_length=BODY_MAX,
        help_text=_("Tell what happened and what helped. Do not write names, phone numbers, addresses or schools."),
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    picture = forms.FileField(
        label=_("Picture"),  # the form adds "(you can skip this)" to optional fields
        required=False,
        help_text=_("No photos of faces, please. We remove hidden information, like where the photo was taken."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}),
    )
    picture_alt = SafeTextField(
        label=_("What does your picture show?"),
        required=False,
        max_length=ALT_MAX,
        help_text=_("A few words for people who cannot see it."),
    )
    parent_email = forms.EmailField(
        label=_("Email of a parent or carer"),
        required=False,
        help_text=_("We ask them to say yes, then delete their email."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    reuse = forms.ChoiceField(
        label=_("Can teachers use your story in class?"),
        choices=Reuse.choices,
        initial=Reuse.NO,
        required=False,  # not answered means no
        widget=forms.RadioSelect,
    )
    agree = forms.BooleanField(
        label=_("I have read the rules and I agree to them."),
        error_messages={"required": _("Please tick the box to say you agree to the rules.")},
    )
    # Honeypot: hidden from people (CSS and aria-hidden), filled in by bots.
    website = forms.CharField(required=False, label=_("Leave this empty"))

    def __init__(self, *args, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = country_choices(region)
        self.fields["language"].initial = (get_language() or settings.LANGUAGE_CODE).lower()
        self.fields["title"].error_messages["required"] = _("Please give your story a title.")
        self.fields["body"].error_messages["required"] = _("Please write your story.")
        self.fields["body"].error_messages["min_length"] = _(
            "Your story is very short. Please write at least %(limit_value)d characters."
        )
        self.fields["pen_name"].error_messages["required"] = _("Please choose a pen name.")
        self.fields["age_band"].error_messages["required"] = _("Please choose your age.")
        self.fields["country"].error_messages["required"] = _("Please choose your country.")
        self.text_changes: dict[str, set[str]] = {}

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(self.add_prefix("website")))

    def clean_reuse(self):
        return self.cleaned_data.get("reuse") or Reuse.NO

    def clean_picture(self):
        upload = self.cleaned_data.get("picture")
        if not upload:
            return None
        return pictures.sanitise(upload)

    def clean(self):
        cleaned = super().clean()
        for name in TEXT_FIELDS:
            raw = self.data.get(self.add_prefix(name), "")
            if isinstance(raw, str) and "\x00" not in raw:
                changes = normalise(raw.strip()).changes - {"nfkc"}
                if changes:
                    self.text_changes[name] = changes
        band, country = cleaned.get("age_band"), cleaned.get("country")
        if band and country:
            if needs_parental_consent(band, country):
                if not cleaned.get("parent_email") and "parent_email" not in self.errors:
                    self.add_error(
                        "parent_email",
                        ValidationError(
                            _(
                                "Because you are younger than %(age)s, the age set in %(country)s, we need the email "
                                "of a parent or carer. We will ask them to say yes to your story."
                            ),
                            params={"age": consent_age(country), "country": dict(countries)[country]},
                            code="consent",
                        ),
                    )
            else:
                cleaned["parent_email"] = ""  # not needed, so not kept
        return cleaned


def country_choices(region=None, language: str | None = None) -> list:
    """The region's countries first, then every other country; each group in the order of
    the page's language (ICU collation: Arabic alphabetical order, pinyin, kana …)."""
    language = language or get_language() or settings.LANGUAGE_CODE
    names = dict(countries)
    own = [code for code in (getattr(region, "countries", None) or []) if str(code) in names]
    own_codes = {str(code) for code in own}
    by_name = lambda pair: pair[1]  # noqa: E731
    first = collated([(str(code), names[str(code)]) for code in own], language, key=by_name)
    rest = collated([(code, name) for code, name in names.items() if code not in own_codes], language, key=by_name)
    choices = [("", _("Choose your country"))]
    if first:
        choices.append((region.title, first))
        choices.append((_("All other countries"), rest))
    else:
        choices.extend(rest)
    return choices


def consent_rule_groups(language: str | None = None) -> list[tuple[int, list[str]]]:
    """[(age, [country names])] of the countries whose age of digital consent is above the
    default, for the note beside the parent's email (the form says who needs it before
    anything is sent, without JavaScript)."""
    language = language or get_language() or settings.LANGUAGE_CODE
    names = dict(countries)
    groups: dict[int, list[str]] = {}
    for code, age in DIGITAL_CONSENT_AGE.items():
        if age > DEFAULT_CONSENT_AGE and code in names:
            groups.setdefault(age, []).append(names[code])
    return [(age, collated(groups[age], language)) for age in sorted(groups)]


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("What is wrong with this story?"), choices=ReportReason.choices, widget=forms.RadioSelect
    )


class ResendForm(forms.Form):
    """A rejected story, fixed by its author: the same texts, checked like the first time."""

    pen_name = StoryForm.base_fields["pen_name"]
    title = StoryForm.base_fields["title"]
    body = StoryForm.base_fields["body"]
    picture_alt = StoryForm.base_fields["picture_alt"]

    def __init__(self, *args, with_picture: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_picture:
            del self.fields["picture_alt"]
        self.fields["title"].error_messages["required"] = _("Please give your story a title.")
        self.fields["body"].error_messages["required"] = _("Please write your story.")
        self.fields["pen_name"].error_messages["required"] = _("Please choose a pen name.")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Your story code"),
        max_length=20,
        help_text=_("The 8 letters and numbers you got when you sent your story, for example KM4T-9QXR."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}),
    )


class ReuseForm(forms.Form):
    """Change or withdraw the consent to reuse, from the private status link."""

    reuse = forms.ChoiceField(
        label=_("Can teachers use your story in class?"),
        choices=Reuse.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose one answer.")},
    )


class CaseCardForm(forms.Form):
    """What a moderator or coordinator adds to a published story to make a case card."""

    title = forms.CharField(label=_("Title"), max_length=255)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Two or three sentences for the library list."),
    )
    questions = forms.CharField(
        label=_("Discussion questions"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("One open question per line, three to five."),
    )
    teacher_notes = forms.CharField(
        label=_("Notes for the teacher"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 5})
    )
    age_bands = forms.MultipleChoiceField(label=_("Age bands"), required=False, widget=forms.CheckboxSelectMultiple)
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["age_bands"].choices = AGE_BANDS
        self.fields["topics"].queryset = Topic.objects.all()

    def clean_questions(self):
        lines = question_lines(self.cleaned_data["questions"])
        if not QUESTIONS_MIN <= len(lines) <= QUESTIONS_MAX:
            raise ValidationError(
                _("Write %(min)s to %(max)s questions, one per line (you wrote %(count)s).")
                % {"min": QUESTIONS_MIN, "max": QUESTIONS_MAX, "count": len(lines)},
                code="questions",
            )
        return "\n".join(lines)


class WithdrawForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("Yes, delete my story and my picture."),
        error_messages={"required": _("Please tick the box to confirm.")},
    )
