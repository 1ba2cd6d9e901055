"""Phone numbers as editors type them, and as ``tel:``/``sms:`` links a phone can dial.

Help numbers are often short national codes (116 111, 3018, 1098) that only work without a
country prefix, so numbers are stored as the service publishes them and only stripped of
punctuation for the link.
"""

from __future__ import annotations

import re

from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

# Digits with the separators services print (spaces, dots, dashes, brackets, slashes),
# optionally starting with "+". At least two digits: "17" is a real emergency number.
PHONE_PATTERN = r"^\+?[0-9][0-9 ()./\-]{0,28}[0-9]$"

validate_phone = RegexValidator(
    PHONE_PATTERN,
    message=_('Enter a number as people dial it, digits only with spaces or dashes, e.g. "116 111" or "+44 800 1111".'),
)


def dial_string(number: str) -> str:
    """``"0800 - 0432"`` → ``"08000432"``; keeps a leading ``+``."""
    number = (number or "").strip()
    digits = re.sub(r"[^0-9]", "", number)
    return f"+{digits}" if number.startswith("+") and digits else digits
