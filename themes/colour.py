"""Colour checks for editor-chosen branding: a brand colour must keep text readable."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HEX_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
MIN_CONTRAST = 4.5  # WCAG 2.2 AA for normal text


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(foreground: str, background: str) -> float:
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def validate_brand_colour(value: str) -> None:
    """Brand colours carry white text (buttons, header), so they must contrast with white."""
    if not HEX_COLOUR.match(value or ""):
        raise ValidationError(_("Enter a colour as # followed by six hexadecimal digits, e.g. #1a4f8b."))
    ratio = contrast_ratio(value, "#ffffff")
    if ratio < MIN_CONTRAST:
        raise ValidationError(
            _(
                "White text on this colour has a contrast of %(ratio).1f:1; at least 4.5:1 is needed so everyone can read it. Choose a darker colour."
            ),
            params={"ratio": ratio},
        )
