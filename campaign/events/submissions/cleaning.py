"""Submitted text made safe and plain: no markup (nh3), no invisible or direction-changing characters."""

from __future__ import annotations

import html
import re
import unicodedata

import nh3

# Bidi overrides/isolates, zero-width characters and the BOM change how text reads without showing.
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]")
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def plain_text(value: str) -> str:
    """Strip every tag (and script/style content), then unescape: templates escape again on output."""
    if not value:
        return ""
    value = unicodedata.normalize("NFKC", value)
    value = CONTROL.sub("", INVISIBLE.sub("", value))
    cleaned = nh3.clean(value, tags=set(), clean_content_tags={"script", "style"}, attributes={})
    value = html.unescape(cleaned)
    value = "\n".join(line.rstrip() for line in value.replace("\r\n", "\n").split("\n"))
    return value.strip()


def single_line(value: str) -> str:
    return " ".join(plain_text(value).split())
