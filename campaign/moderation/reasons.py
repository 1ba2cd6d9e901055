from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class RejectionReason(models.TextChoices):
    """Why a submission was not published. Labels are shown to submitters, translated."""

    PERSONAL_INFORMATION = "personal_information", _("It shares personal information that could identify someone.")
    UNSAFE = "unsafe", _("It could put you or someone else at risk.")
    HARMFUL = "harmful", _("It could hurt or upset other people.")
    OFF_TOPIC = "off_topic", _("It is not about staying safe online.")
    DUPLICATE = "duplicate", _("We already have the same submission.")
    WRONG_REGION = "wrong_region", _("It belongs to another region.")
    INCOMPLETE = "incomplete", _("Some important information is missing or unclear.")
    SPAM = "spam", _("It looks like advertising or spam.")
    OTHER = "other", _("It does not follow the rules for other reasons.")


def reason_label(code: str, language: str | None = None) -> str:
    """The reason's label in ``language`` (the submitter's), for status pages and emails."""
    try:
        label = RejectionReason(code).label
    except ValueError:
        label = RejectionReason.OTHER.label
    if language:
        with translation.override(language):
            return str(label)
    return str(label)
