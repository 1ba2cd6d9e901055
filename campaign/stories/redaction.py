"""How a redacted story reads: a small marker in the reader's language, never bracket text.

The stored text keeps the scanner's redaction ("[school removed]", ``pii.REDACTIONS``): it is
language independent, survives editing and shows plainly in the admin. Pages render it
through ``render_story_text``, which turns each redaction into a marker ("school hidden",
in the language of the page the reader is on) and, for a moderator, highlights what the
scan still finds. The same function renders the review and the public page, so what a
moderator approves is what readers get.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext_lazy as _

from . import pii
from .pii import LABELS

MARKER_LABELS = {
    "email": _("email hidden"),
    "phone": _("phone number hidden"),
    "url": _("link hidden"),
    "handle": _("username hidden"),
    "school": _("school hidden"),
    "address": _("address hidden"),
    "full_name": _("name hidden"),
    "place": _("place hidden"),
}


def _marker_pattern():
    by_text = {text: label for label, text in pii.REDACTIONS.items()}
    alternatives = sorted(by_text, key=len, reverse=True)
    return by_text, re.compile("|".join(re.escape(text) for text in alternatives))


def _marker(label: str) -> str:
    text = escape(str(MARKER_LABELS.get(label, _("removed"))))
    language = escape(get_language() or "en")
    direction = "rtl" if get_language_bidi() else "ltr"
    return f'<span class="story-redaction" data-redaction="{escape(label)}" lang="{language}" dir="{direction}">{text}</span>'


def _plain(text: str) -> str:
    """Escape ``text`` and replace each redaction with its marker."""
    by_text, pattern = _marker_pattern()
    out, position = [], 0
    for match in pattern.finditer(text):
        out.append(escape(text[position : match.start()]))
        out.append(_marker(by_text[match.group()]))
        position = match.end()
    out.append(escape(text[position:]))
    return "".join(out)


def mark_findings(text: str, findings, plain=escape) -> str:
    """``text`` with each finding wrapped in <mark> (outermost only), the rest through ``plain``
    (which escapes). Shared by the story pages and the review of the original submission."""
    items = sorted(findings or [], key=lambda f: (f["start"], -f["end"]))
    out, position = [], 0
    for item in items:
        start, end = item["start"], item["end"]
        if start < position or end > len(text):
            continue
        out.append(plain(text[position:start]))
        label = escape(str(LABELS.get(item["label"], item["label"])))
        out.append(
            f'<mark class="story-finding" data-label="{escape(item["label"])}" title="{label}">'
            f'{escape(text[start:end])}<span class="visually-hidden"> ({label})</span></mark>'
        )
        position = end
    out.append(plain(text[position:]))
    return "".join(out)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to about ``limit`` characters, never inside a redaction."""
    if len(text) <= limit:
        return text
    cut = limit - 1
    _by_text, pattern = _marker_pattern()
    for match in pattern.finditer(text):
        if match.start() < cut < match.end():
            cut = match.start()
            break
    return text[:cut].rstrip() + "…"


def render_text(text: str, findings=None, paragraphs: bool = False, limit: int | None = None) -> str:
    """Safe HTML of a story text: markers for redactions, <mark> for findings given."""
    if limit:
        text = shorten(text or "", limit)
    html = mark_findings(text or "", findings, _plain) if findings else _plain(text or "")
    if paragraphs:
        blocks = [block for block in re.split(r"\n\s*\n", html.replace("\r\n", "\n")) if block.strip()]
        html = "".join(f"<p>{block.strip().replace(chr(10), '<br>')}</p>" for block in blocks)
    return mark_safe(html)  # noqa: S308 (every piece of the text is escaped above)


def plain_text(text: str) -> str:
    """The text with each redaction as its marker's words (for titles, feeds, previews)."""
    by_text, pattern = _marker_pattern()
    return pattern.sub(lambda m: "(" + str(MARKER_LABELS.get(by_text[m.group()], _("removed"))) + ")", text or "")
