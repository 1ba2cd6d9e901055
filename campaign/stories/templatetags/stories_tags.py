from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ..consent import age_phrase
from ..pii import LABELS
from ..redaction import mark_findings, plain_text, render_text

register = template.Library()

# The helplines capability is built in parallel; these are the names it may expose.
HELP_URL_CANDIDATES = (("helplines:country", True), ("helplines:index", False))


@register.simple_tag
def story_help_url(country_code=""):
    """The helplines page for ``country_code`` if the helplines app provides one, else ''."""
    for name, takes_country in HELP_URL_CANDIDATES:
        try:
            if takes_country:
                if not country_code:
                    continue
                return reverse(name, kwargs={"country": str(country_code).lower()})
            return reverse(name)
        except NoReverseMatch:
            continue
    return ""


@register.simple_tag
def highlight_findings(text, findings, field):
    """``text`` escaped, with this field's findings wrapped in <mark> (outermost only)."""
    own = [finding for finding in findings or [] if finding.get("field") == field]
    return mark_safe(mark_findings(text or "", own))  # noqa: S308 (mark_findings escapes every piece)


@register.filter
def finding_label(code):
    return LABELS.get(code, code)


# What each text warning means, for a moderator (codes are "<change>:<field>", see
# pipeline.receive; "redacted" has no field).
TEXT_FLAG_LABELS = {
    "bidi": _("Hidden characters that change the reading direction were removed"),
    "zero_width": _("Invisible characters were removed"),
    "control": _("Control characters were removed"),
    "combining": _("Stacked accent marks were removed"),
    "mixed_script": _("Letters from different alphabets that look alike (it may copy someone else's name)"),
    "redacted": _("A moderator changed the text (redactions or edits)."),
    "staff_name": _("It looks like the name of staff, an admin or a moderator"),
}
TEXT_FLAG_FIELDS = {
    "pen_name": _("pen name"),
    "title": _("title"),
    "body": _("story"),
    "picture_alt": _("picture description"),
}


@register.filter
def text_flag_labels(flags):
    """[(field label or "", what happened)] for a submission's text warnings."""
    labels = []
    for flag in flags or []:
        change, _sep, field = str(flag).partition(":")
        labels.append((TEXT_FLAG_FIELDS.get(field, field), TEXT_FLAG_LABELS.get(change, change)))
    return labels


@register.simple_tag
def story_text(text, findings=None, field=None, paragraphs=False, limit=None):
    """A story text as readers get it: each redaction a small marker in the page's language;
    for a moderator, ``findings`` of ``field`` highlighted."""
    mine = [f for f in findings or [] if f.get("field") == field] if field else None
    return render_text(text or "", mine, paragraphs=paragraphs, limit=limit)


@register.filter
def story_plain(text):
    """A story text for places without markup (the page title, alt text): markers as words."""
    return plain_text(text or "")


@register.simple_tag
def story_age(age_band):
    """The author's age band as a whole phrase in the page's language ("14 years old")."""
    return age_phrase(age_band)
