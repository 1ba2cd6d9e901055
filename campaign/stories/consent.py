"""Age bands and the age of digital consent by country.

Only an age band is ever stored, never a birth date. A story from someone whose band starts
below their country's age of digital consent waits for a parent or carer to confirm it.

The table follows GDPR Article 8 as each country set it (and the UK/EEA equivalents); a
country that set nothing uses ``DEFAULT_CONSENT_AGE``. Review it when a law changes.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

DEFAULT_CONSENT_AGE = 13

DIGITAL_CONSENT_AGE = {
    # 13
    "BE": 13, "DK": 13, "EE": 13, "FI": 13, "GB": 13, "IS": 13, "LV": 13, "MT": 13, "NO": 13,
    "PT": 13, "SE": 13,
    # 14
    "AT": 14, "BG": 14, "CY": 14, "ES": 14, "IT": 14, "LT": 14,
    # 15
    "CZ": 15, "FR": 15, "GR": 15, "SI": 15,
    # 16
    "DE": 16, "HR": 16, "HU": 16, "IE": 16, "LI": 16, "LU": 16, "NL": 16, "PL": 16, "RO": 16,
    "SK": 16,
}  # fmt: skip


class AgeBand(models.TextChoices):
    """Bands fine enough around 13-16 to decide consent for every country in the table."""

    UP_TO_10 = "up_to_10", _("10 or younger")
    AGE_11_12 = "11_12", _("11 or 12")
    AGE_13 = "13", _("13")
    AGE_14 = "14", _("14")
    AGE_15 = "15", _("15")
    AGE_16_17 = "16_17", _("16 or 17")
    AGE_18_PLUS = "18_plus", _("18 or older")


#: A band as a whole phrase about the author ("14 years old"), for bylines. Each language
#: words the age in its own way (Japanese 「14歳」, Chinese 「14岁」): a byline never adds
#: its own age word around the band, so none can be doubled ("14さいさい").
AGE_PHRASES = {
    AgeBand.UP_TO_10: pgettext_lazy("author's age", "10 years old or younger"),
    AgeBand.AGE_11_12: pgettext_lazy("author's age", "11 or 12 years old"),
    AgeBand.AGE_13: pgettext_lazy("author's age", "13 years old"),
    AgeBand.AGE_14: pgettext_lazy("author's age", "14 years old"),
    AgeBand.AGE_15: pgettext_lazy("author's age", "15 years old"),
    AgeBand.AGE_16_17: pgettext_lazy("author's age", "16 or 17 years old"),
    AgeBand.AGE_18_PLUS: pgettext_lazy("author's age", "18 years old or older"),
}


def age_phrase(age_band: str) -> str:
    try:
        return str(AGE_PHRASES[AgeBand(age_band)])
    except ValueError:
        return ""


#: The youngest age in each band: what consent is decided on.
BAND_MINIMUM_AGE = {
    AgeBand.UP_TO_10: 0,
    AgeBand.AGE_11_12: 11,
    AgeBand.AGE_13: 13,
    AgeBand.AGE_14: 14,
    AgeBand.AGE_15: 15,
    AgeBand.AGE_16_17: 16,
    AgeBand.AGE_18_PLUS: 18,
}


def consent_age(country_code: str | None) -> int:
    return DIGITAL_CONSENT_AGE.get((country_code or "").upper(), DEFAULT_CONSENT_AGE)


def needs_parental_consent(age_band: str, country_code: str | None) -> bool:
    return BAND_MINIMUM_AGE[AgeBand(age_band)] < consent_age(country_code)


#: Short privacy notes per band, shown beside the form and after sending.
PRIVACY_NOTES = {
    "young": _(
        "We only keep your pen name, age group, country and story. A grown-up from your family must say yes "
        "by email before anyone reads it. We delete their email as soon as they answer."
    ),
    "teen": _(
        "We only keep your pen name, age group, country and story. If you are younger than the age the law "
        "sets in your country, a parent or carer must say yes by email first; we delete their email as soon "
        "as they answer."
    ),
    "adult": _("We only keep your pen name, age group, country and story. Nobody sees it until a moderator checks it."),
}


def privacy_note_key(age_band: str) -> str:
    minimum = BAND_MINIMUM_AGE[AgeBand(age_band)]
    if minimum < 13:
        return "young"
    if minimum < 18:
        return "teen"
    return "adult"


# -- consent to reuse a story in classroom material (case cards) ---------------------------
class Reuse(models.TextChoices):
    """May a published story become a case card for classes? Asked on the form, changed or
    withdrawn at any time through the private status link."""

    NO = "no", _("No")
    WITHOUT_NAME = "without_name", _("Yes, without my pen name")
    WITH_NAME = "with_name", _("Yes, with my pen name")


#: The reuse question in words for each age group (keys as ``privacy_note_key``).
REUSE_QUESTIONS = {
    "young": _(
        "Teachers can use stories in class, so other children learn from them. Can teachers use your story? "
        "They will not change it. You can say no later."
    ),
    "teen": _(
        "Teachers can turn published stories into case cards that classes talk about. May your story be used "
        "that way? You choose whether your pen name is shown, and you can change your mind with your private link."
    ),
    "adult": _(
        "Published stories can become classroom case cards, with discussion questions for teachers. May yours be "
        "reused, with or without your pen name? You can withdraw this at any time with your private link; cards "
        "made from your story are then removed at once."
    ),
}


def reuse_question(age_band: str) -> str:
    return str(REUSE_QUESTIONS[privacy_note_key(age_band)])


def may_reuse(choice: str | None) -> bool:
    return choice in (Reuse.WITHOUT_NAME, Reuse.WITH_NAME)
