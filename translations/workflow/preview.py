"""The import preview: a word-level diff of the current and the imported translation."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from django.utils.html import escape
from django.utils.safestring import mark_safe

_TOKENS = re.compile(r"\s+|[^\s]+")


def word_diff(old: str, new: str) -> tuple[str, str]:
    """(old, new) as escaped HTML with removed words in <del> and added words in <ins>."""
    old_tokens, new_tokens = _TOKENS.findall(old or ""), _TOKENS.findall(new or "")
    before, after = [], []
    for op, a1, a2, b1, b2 in SequenceMatcher(None, old_tokens, new_tokens, autojunk=False).get_opcodes():
        old_part, new_part = escape("".join(old_tokens[a1:a2])), escape("".join(new_tokens[b1:b2]))
        if op == "equal":
            before.append(old_part)
            after.append(new_part)
            continue
        if old_part:
            before.append(f"<del>{old_part}</del>")
        if new_part:
            after.append(f"<ins>{new_part}</ins>")
    return mark_safe("".join(before)), mark_safe("".join(after))  # noqa: S308 (every part escaped above)
