"""Text a young person types, made safe to store, show and export.

``normalise`` applies NFKC, removes bidi controls and invisible characters (keeping the
joiners that emoji and some scripts need), caps stacked combining marks, and reports what
it changed so a moderator can see it. ``mixed_script_words`` flags look-alike names
("Аdmin" with a Cyrillic А). NUL is refused by Django's form fields before this runs.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

# Bidi embeddings, overrides, isolates and marks: they reorder what a reader sees
# (U+202E turns "Sam\u202eexe.live" into "Samevil.exe").
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
# Invisible characters used to split words past filters ("gr\u200boo\u200bming").
ZERO_WIDTH = frozenset("\u200b\u2060\ufeff\u180e\u00ad")
JOINERS = frozenset("\u200c\u200d")
MAX_COMBINING_MARKS = 3
# Scripts whose letters are commonly confused with one another.
CONFUSABLE_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK"})
# Scripts that legitimately mix inside one Japanese word.
JAPANESE_SCRIPTS = frozenset({"CJK", "HIRAGANA", "KATAKANA"})


@dataclass
class NormalisedText:
    text: str
    changes: set[str] = field(default_factory=set)


def _script(char: str) -> str | None:
    if not char.isalpha():
        return None
    try:
        return unicodedata.name(char).split(" ", 1)[0]
    except ValueError:
        return None


def _keeps_joiner(previous: str, following: str) -> bool:
    """ZWJ/ZWNJ shape emoji sequences and Indic or Arabic letters; elsewhere they only hide."""
    for neighbour in (previous, following):
        if not neighbour:
            continue
        if unicodedata.category(neighbour) in {"So", "Sk"} or ord(neighbour) >= 0x1F000:
            return True
        script = _script(neighbour)
        if script and script not in CONFUSABLE_SCRIPTS:
            return True
        if unicodedata.category(neighbour) in {"Mn", "Mc"}:
            return True
    return False


def normalise(value: str) -> NormalisedText:
    result = NormalisedText(text="")
    if not value:
        return result
    text = unicodedata.normalize("NFKC", value)
    if text != value:
        result.changes.add("nfkc")
    out: list[str] = []
    marks = 0
    for index, char in enumerate(text):
        if char in BIDI_CONTROLS:
            result.changes.add("bidi")
            continue
        if char in ZERO_WIDTH:
            result.changes.add("zero_width")
            continue
        if char in JOINERS:
            previous = out[-1] if out else ""
            following = text[index + 1] if index + 1 < len(text) else ""
            if not _keeps_joiner(previous, following):
                result.changes.add("zero_width")
                continue
        category = unicodedata.category(char)
        if category in {"Mn", "Me"}:
            marks += 1
            if marks > MAX_COMBINING_MARKS:
                result.changes.add("combining")
                continue
        else:
            marks = 0
        if category == "Cc" and char not in "\n\t":
            result.changes.add("control")
            continue
        out.append(char)
    result.text = "".join(out).replace("\r\n", "\n").strip()
    return result


def mixed_script_words(text: str) -> list[str]:
    """Words mixing look-alike scripts (Latin with Cyrillic or Greek)."""
    flagged = []
    for word in text.split():
        scripts = {s for s in (_script(c) for c in word) if s}
        if len(scripts & CONFUSABLE_SCRIPTS) > 1:
            flagged.append(word)
        elif len(scripts) > 1 and not scripts <= JAPANESE_SCRIPTS | {"LATIN"} and scripts & CONFUSABLE_SCRIPTS:
            flagged.append(word)
    return flagged


FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "|", "%")


def spreadsheet_safe(value) -> str:
    """A cell value no spreadsheet will run as a formula (OWASP CSV injection advice)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


# Words a pen name must not pose as (compared after NFKC, casefolding and dropping
# everything but letters and digits, so "Ａｄｍｉｎ", "A.d.m.i.n" and "ADMIN_1" all match).
STAFF_WORDS = (
    "admin", "administrator", "administrateur", "administrador", "administratorin", "moderator", "moderateur",
    "moderador", "moderatorin", "staff", "official", "officiel", "oficial", "offiziell", "support", "helpline",
    "saferinternet", "insafe", "sidteam", "teamsid", "equipe", "equipo", "equipa",
    "管理员", "管理者", "版主", "官方", "运营", "モデレーター", "運営", "公式", "スタッフ",
    "مشرف", "مدير", "الإدارة", "ادمن", "أدمن", "व्यवस्थापक", "मॉडरेटर", "एडमिन", "msimamizi", "wafanyakazi",
)  # fmt: skip


def _skeleton(value: str) -> str:
    text = unicodedata.normalize("NFKC", value or "").casefold()
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isalnum())


def normalise_pen_name(value: str) -> str:
    """A pen name as it is stored and published: NFKC, invisible characters removed, one space."""
    return " ".join(normalise(value or "").text.split())


def poses_as_staff(value: str) -> bool:
    """Does the pen name contain a staff, admin or moderator word in any of our languages?"""
    skeleton = _skeleton(value)
    return any(_skeleton(word) in skeleton for word in STAFF_WORDS) if skeleton else False
