"""Scan a story for personal information before a moderator reads it.

Deliberately generous (a moderator dismisses a false alarm in a second; a missed phone
number can put a child at risk), and written for how children actually write:

- Phone numbers are found by Google's libphonenumber (``phonenumbers``' matcher) with the
  story's country as the default region, after digit runs are normalised: full-width,
  Arabic-Indic and Devanagari digits, the dashes and brackets of other scripts, and phone
  numbers written in words ("oh seven nine double four …").
- Emails and links are found in their obfuscated forms too ("name at gmail dot com",
  "[at]", "(at)", full-width ＠ and ．, spaces inside, the words for "at" and "dot" in the
  ten languages); handles with their discriminator (``name#1234``). The finding, and so the
  suggested redaction, is the whole span: brackets, discriminator, domain.
- Schools, street addresses, full names and places are matched with word lists kept per
  language in ``pii_data/<language>.json`` (not in code). The scan takes the story's
  language and country; without a language every language's lists are used. Chinese and
  Japanese have no spaces, so their names and places are bounded by the script (a run of
  Han or katakana, cut at particles and known suffixes), never by ``\\b``/``\\w``.

Each finding carries its position and a suggested redaction. ``redact_until_clean`` is the
service that accepts suggested redactions: it re-scans what it produced and refuses
(``RedactionIncomplete``) while any finding remains.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import phonenumbers
from django.utils.translation import gettext_lazy as _

LABELS = {
    "email": _("email address"),
    "phone": _("phone number"),
    "url": _("web address"),
    "handle": _("social media name"),
    "school": _("school"),
    "address": _("street address"),
    "full_name": _("full name"),
    "place": _("place"),
}
REDACTIONS = {
    "email": "[email removed]",
    "phone": "[phone number removed]",
    "url": "[link removed]",
    "handle": "[username removed]",
    "school": "[school removed]",
    "address": "[address removed]",
    "full_name": "[name removed]",
    "place": "[place removed]",
}
LANGUAGES = ("en", "fr", "es", "pt", "de", "ar", "zh-hans", "ja", "hi", "sw")
DATA = Path(__file__).resolve().parent / "pii_data"
NEVER = r"(?!x)x"  # an alternation of no words matches nothing

# -- characters ---------------------------------------------------------------------------
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
KANA = "\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff"
KATAKANA = "\u30a0-\u30ff\u31f0-\u31ff"
CJK = HAN + KANA
ARABIC = "\u0600-\u06ff\u0750-\u077f"
DEVANAGARI = "\u0900-\u097f"
# A letter of a spaced script, including the combining vowel signs of Devanagari and
# Arabic that ``\w`` does not count: a word boundary that works for Hindi and Arabic too.
LETTER = rf"(?:[^\W\d_{CJK}]|[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670{DEVANAGARI}])"
START = rf"(?<!{LETTER})(?<![\d_])"
END = rf"(?!{LETTER})(?![\d_])"
UPPER = "A-ZÀ-ÖØ-ÞĀ-Ž"
CAP = rf"[{UPPER}][\w'’.-]*"
LATIN_WORD = r"[^\W\d_]+"

# Digits of other scripts and the separators children type between them, one for one.
_DIGIT_MAP = {}
for _zero in (0xFF10, 0x0660, 0x06F0, 0x0966, 0x09E6):  # full-width, Arabic-Indic (2), Devanagari, Bengali
    for _offset in range(10):
        _DIGIT_MAP[chr(_zero + _offset)] = str(_offset)
_SEPARATORS = {
    "－": "-",
    "ー": "-",
    "‐": "-",
    "‑": "-",
    "‒": "-",
    "–": "-",
    "—": "-",
    "―": "-",
    "−": "-",
    "～": "-",
    "（": "(",
    "）": ")",
    "［": "[",
    "］": "]",
    "＋": "+",
    "．": ".",
    "。": ".",
    "·": ".",
    "\u3000": " ",
    "\u00a0": " ",
    "\u202f": " ",
    "＠": "@",
    "：": ":",
    "／": "/",
}
ONE_FOR_ONE = str.maketrans(_DIGIT_MAP | _SEPARATORS)


@dataclass(frozen=True)
class Finding:
    label: str
    start: int
    end: int
    text: str

    @property
    def redaction(self) -> str:
        return REDACTIONS[self.label]

    def as_dict(self) -> dict:
        return asdict(self) | {"redaction": self.redaction}


class RedactionIncomplete(Exception):
    """The suggested redactions were applied but the text still has findings."""

    def __init__(self, text: str, findings: list[Finding]):
        super().__init__(f"{len(findings)} finding(s) remain after redaction")
        self.text = text
        self.findings = findings


# -- per-language data --------------------------------------------------------------------
def _alternation(words, *, spaced=True) -> str:
    """A regex alternation of ``words``, longest first; spaces inside match any spacing."""
    parts = []
    for word in sorted({w for w in words if w}, key=len, reverse=True):
        escaped = re.escape(word)
        parts.append(escaped.replace(r"\ ", r"\s+") if spaced else escaped)
    return "|".join(parts) or NEVER


@cache
def language_data(language: str) -> dict:
    return json.loads((DATA / f"{language}.json").read_text(encoding="utf-8"))


def _normalise_language(language: str | None) -> str | None:
    if not language:
        return None
    language = language.lower().replace("_", "-")
    if language in LANGUAGES:
        return language
    base = language.split("-")[0]
    if base == "zh":
        return "zh-hans"
    return base if base in LANGUAGES else None


@dataclass(frozen=True)
class Rules:
    """Compiled patterns for one language (or for all, when the language is unknown)."""

    languages: tuple[str, ...]
    regions: tuple[str, ...]
    email: re.Pattern
    url_obfuscated: re.Pattern
    handle_named: re.Pattern
    number_run: re.Pattern
    number_values: dict
    repeat_values: dict
    latin: dict  # language -> patterns for that language's spaced-script lists
    data: dict


def _merged(languages, key):
    out = []
    for language in languages:
        out.extend(language_data(language).get(key, []))
    return out


@cache
def rules(language: str | None = None) -> Rules:
    language = _normalise_language(language)
    # Children mix English into every language ("mera email hai … at gmail dot com").
    languages = tuple(dict.fromkeys([language, "en"])) if language else LANGUAGES
    data = {lang: language_data(lang) for lang in languages}
    regions = tuple(dict.fromkeys(region for lang in languages for region in data[lang]["regions"]))

    at_words = _merged(languages, "at_words")
    dot_words = _merged(languages, "dot_words")
    slash_words = _merged(languages, "slash_words")
    open_b, close_b = r"[\[({<]", r"[\])}>]"

    def separator(symbols: str, words) -> str:
        # A symbol with optional spaces, a word in brackets, or a word between spaces. A
        # word in a script without spaces may touch its neighbours.
        latin = [w for w in words if re.fullmatch(r"[A-Za-zÀ-ÿ@ ]+", w)]
        other = [w for w in words if w not in latin]
        return (
            rf"(?:\s*{open_b}\s*(?:{_alternation(words)}|{symbols})\s*{close_b}\s*"
            rf"|{symbols}|\s+{symbols}\s+"
            rf"|\s+(?:{_alternation(latin)})\s+"
            rf"|\s*(?:{_alternation(other)})\s*)"
        )

    at = separator(r"[@＠]", at_words)
    dot = separator(r"[.．。]", dot_words)
    # In a link a plain dot has no spaces round it ("safe. Mr" ends a sentence).
    tight_dot = separator(r"(?<!\s)[.．](?!\s)", dot_words)
    slash = separator(r"/", slash_words)
    local_part = r"[A-Za-z0-9_+\-]+"
    # Domain labels in Latin letters, or a provider's name written in the story's script
    # (जीमेल, ياهو …); the last one a top-level domain, or its name in that script.
    domain_label = rf"(?:[A-Za-z0-9](?:[A-Za-z0-9-]{{0,61}}[A-Za-z0-9])?|[{DEVANAGARI}{ARABIC}]+)"
    tld = rf"(?:[A-Za-z]{{2,12}}|{_alternation(_merged(languages, 'tld_words') + ['कॉम', 'काम', 'كوم', 'コム', 'ネット'])})"
    email = re.compile(
        rf"(?<![A-Za-z0-9_+\-.@])({local_part}(?:{dot}{local_part})*)"
        rf"({at})"
        rf"({domain_label}(?:{dot}{domain_label})*{dot}{tld})(?![A-Za-z0-9_-])",
        re.IGNORECASE,
    )
    known_tlds = (
        r"com|net|org|info|io|me|tv|gg|ly|app|link|site|xyz|blog|online|store|page|dev|fm|be|to|"
        r"co\.[a-z]{2}|com\.[a-z]{2}|org\.[a-z]{2}|[a-z]{2}"
    )
    url_obfuscated = re.compile(
        rf"(?<![A-Za-z0-9_@.-])[A-Za-z0-9][A-Za-z0-9-]*(?:{tight_dot}[A-Za-z0-9][A-Za-z0-9-]*)*{tight_dot}"
        rf"(?:{known_tlds})(?![A-Za-z0-9_-])(?:{slash}[A-Za-z0-9_@.%?=&#-]+)*",
        re.IGNORECASE,
    )
    platforms = _alternation(_merged(languages, "platforms"))
    links = _alternation(_merged(languages, "handle_links"))
    handle_named = re.compile(
        rf"(?:{START}|(?<=[{CJK}]))(?:{platforms})(?:(?:\s*|\s+)(?:{links})){{0,3}}\s*[:=：\-–>]?\s*"
        rf"(?P<handle>@?[A-Za-z0-9_][A-Za-z0-9_.\-]{{1,29}}(?:#\d{{4}})?)(?![A-Za-z0-9_@])",
        re.IGNORECASE,
    )
    number_values, repeat_values = {}, {}
    for lang in languages:
        number_values.update({k.lower(): v for k, v in data[lang].get("number_words", {}).items()})
        repeat_values.update({k.lower(): v for k, v in data[lang].get("repeat_words", {}).items()})
    spaced_numbers = [w for w in number_values if re.search(r"[A-Za-z\u0900-\u097f\u0600-\u06ff]", w)]
    glyph_numbers = [w for w in number_values if w not in spaced_numbers]
    token = rf"(?:(?:{_alternation(repeat_values)})\s+)?(?:{_alternation(spaced_numbers)})"
    # Seven or more number words in a row ("oh seven nine double four …"), or seven or
    # more number characters of a script without spaces (一三八〇〇…).
    runs = [rf"{START}{token}(?:[\s,.\-]+{token}){{6,}}{END}"]
    if glyph_numbers:
        runs.append(rf"[{''.join(re.escape(glyph) for glyph in glyph_numbers)}]{{7,}}")
    number_run = re.compile("|".join(runs), re.IGNORECASE)
    latin = {lang: _latin_patterns(data[lang]) for lang in languages}
    return Rules(
        languages, regions, email, url_obfuscated, handle_named, number_run, number_values, repeat_values, latin, data
    )


def _latin_patterns(data: dict) -> dict:
    """Patterns built from one language's lists (any script: the lists say which words)."""
    script = data["script"]
    out = {}
    if script == "latin":
        not_names = _alternation(data.get("not_school_names", []))
        after = _alternation(data.get("school_words_after", []))
        word = rf"(?!(?:{not_names}){END})(?:{CAP}|[a-zà-ÿ][\w'’-]+)"
        out["school_after"] = re.compile(
            rf"{START}(?:{word}[\s-]+){{0,3}}(?!(?:{not_names}){END}){CAP_OR_LOWER}[\s-]+(?:{after}){END}"
            if after != NEVER
            else NEVER,
            re.IGNORECASE,  # children write "oakfield academy"
        )
        before = _alternation(data.get("school_words_before", []))
        qualifiers = _alternation(data.get("school_qualifiers", []))
        out["school_before"] = re.compile(
            rf"{START}(?i:{before})(?:\s+(?i:{qualifiers}))*\s+(?!(?:{not_names}){END}){CAP}"
            rf"(?:\s+(?:(?:de|del|da|do|dos|das|di|du|des|la|y|e)\s+)?{CAP}){{0,4}}"
            if before != NEVER
            else NEVER
        )
        out["school_hyphen"] = re.compile(
            rf"{START}[{UPPER}][\w'’.]{{0,30}}(?:-[{UPPER}][\w'’.]{{0,30}}){{0,4}}-(?:{after}){END}"
            if after != NEVER
            else NEVER
        )
        street_after = _alternation(data.get("street_words_after", []))
        street_before = _alternation(data.get("street_words_before", []))
        patterns = []
        if street_after != NEVER:
            patterns.append(
                rf"{START}\d{{1,5}}[a-zA-Z]?,?\s+(?:{CAP}\s+){{1,3}}(?:{street_after}){END}\.?"
                rf"|{START}[{UPPER}][\w'’-]*(?:{street_after.lower()})\s+\d{{1,4}}[a-z]?{END}"
            )
        if street_before != NEVER:
            patterns.append(
                rf"{START}(?:\d{{1,5}}[a-z]?,?\s+)?(?i:{street_before})\s+(?:(?:d[aeo]s?|de\s+la|del|du|des|di|della|la|le|les|los|las|wa|ya)\s+)?"
                rf"{CAP}(?:\s+{CAP}){{0,3}}(?:,?\s*(?:n[º°o.]?\s*)?\d{{1,5}}{END})?"
            )
        out["address"] = [re.compile(p) for p in patterns]
        intros = _alternation(data.get("name_intros", []))
        not_names = _alternation(data.get("not_names", []))
        out["full_name"] = re.compile(
            rf"(?:^|(?<=[\s,.;:!?¡¿\"'(]))(?i:{intros})[\s,]+(?!(?:{not_names}){END})(?P<name>{CAP}(?:\s+(?:(?:de|del|da|dos|van|von|der)\s+)?(?!(?:{not_names}){END}){CAP}){{1,3}})"
        )
        prepositions = _alternation(data.get("place_prepositions", []))
        cues = _alternation(data.get("place_cues", []))
        places = _alternation(data.get("places", []))
        out["place_prep"] = re.compile(
            rf"(?:^|(?<=[\s(]))(?i:{prepositions})\s*(?P<place>{CAP}(?:[\s-]+(?:es\s+|de\s+|sur\s+)?{CAP}){{0,2}})"
        )
        out["place_cue"] = re.compile(
            rf"{START}(?i:{cues})\s+(?:(?i:huko|katika|mjini|jijini|der|dem|la|el)\s+)?(?P<place>{CAP}(?:[\s-]+{CAP}){{0,2}}|(?i:{places}){END})"
        )
        gazetteer_preps = _alternation(data.get("place_gazetteer_prepositions", data.get("place_prepositions", [])))
        out["place_known"] = re.compile(rf"(?:{START}(?i:{gazetteer_preps})\s+|,\s*)(?P<place>(?i:{places})){END}")
        # A school's name ends before "de Sevilla", "in Köln": a known place is not part of it.
        out["place_tail"] = re.compile(
            rf"\s+(?:de|del|da|do|di|du|d'|in|em|en|à|a|huko|,)\s*(?:{places}){END}.*$", re.IGNORECASE
        )
    out["not_places"] = frozenset(w.lower() for w in data.get("not_places", []))
    return out


CAP_OR_LOWER = rf"(?:{CAP}|[a-zà-ÿ][\w'’-]+)"


# -- text normalisation with a map back to the original ----------------------------------
@dataclass
class _Normalised:
    text: str
    starts: list[int]
    ends: list[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.starts[start], self.ends[end - 1]


def _normalise_digits(text: str, rule: Rules) -> _Normalised:
    """Digits of every script as ASCII, number words as digits, with offsets kept."""
    out, starts, ends = [], [], []
    position = 0
    for match in rule.number_run.finditer(text):
        for index in range(position, match.start()):
            out.append(text[index].translate(ONE_FOR_ONE))
            starts.append(index)
            ends.append(index + 1)
        digits = _words_to_digits(match.group(), rule)
        for char in digits:
            out.append(char)
            starts.append(match.start())
            ends.append(match.end())
        position = match.end()
    for index in range(position, len(text)):
        out.append(text[index].translate(ONE_FOR_ONE))
        starts.append(index)
        ends.append(index + 1)
    return _Normalised("".join(out), starts, ends)


def _words_to_digits(run: str, rule: Rules) -> str:
    digits, repeat = [], 1
    spaced = re.search(rf"[A-Za-z{DEVANAGARI}{ARABIC}]", run)
    for word in re.findall(r"[^\s,.\-]+", run) if spaced else run:
        key = word.lower()
        if key in rule.repeat_values:
            repeat = rule.repeat_values[key]
        elif key in rule.number_values:
            digits.append(rule.number_values[key] * repeat)
            repeat = 1
    return "".join(digits)


# -- the scan -----------------------------------------------------------------------------
def scan(text: str, *, language: str | None = None, country: str | None = None) -> list[Finding]:
    """All findings in ``text``, sorted, overlaps resolved in favour of the earliest, longest.

    ``language`` is the story's language (one of the platform's ten; its lists are used,
    with English, which children mix into every language); ``country`` (ISO 3166 code) is
    the default region for phone numbers written without a country code.
    """
    if not text:
        return []
    rule = rules(language)
    found: list[Finding] = []
    _emails_and_links(text, rule, found)
    _phones(text, rule, (country or "").upper(), found)
    _handles(text, rule, found)
    # Names, schools and places: the story's own language only ("in Panik" is German).
    for lang in rule.languages[:1] if _normalise_language(language) else rule.languages:
        data = rule.data[lang]
        if data["script"] == "cjk":
            _cjk(text, data, lang, found)
        else:
            _spaced(text, data, rule.latin[lang], found)
    return _resolve(found)


def _add(found, label, text, start, end):
    value = text[start:end]
    trimmed = value.rstrip(".,;:!?'’\"、。，！？ ")
    if trimmed.endswith(")") and trimmed.count("(") < trimmed.count(")"):
        trimmed = trimmed[:-1]
    lead = len(trimmed) - len(trimmed.lstrip(" ,"))
    trimmed = trimmed.lstrip(" ,")
    if trimmed:
        found.append(Finding(label, start + lead, start + lead + len(trimmed), trimmed))


URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'，。、）)]+", re.IGNORECASE)
DISCORD_TAG = re.compile(r"(?<![A-Za-z0-9_.@#])[A-Za-z0-9_.\u00c0-\u024f]{2,32}#\d{4}(?!\d)")
HANDLE_AT = re.compile(
    r"(?<![A-Za-z0-9_@.])[@＠][A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?:#\d{4})?(?![A-Za-z0-9_@])"
)


def _emails_and_links(text, rule, found):
    normal = text.translate(str.maketrans({"＠": "@", "．": "."}))
    for match in rule.email.finditer(normal):
        _add(found, "email", text, match.start(), match.end())
    for match in URL.finditer(text):
        _add(found, "url", text, match.start(), match.end())
    for match in rule.url_obfuscated.finditer(normal):
        value = match.group()
        # A bare "word.word" is a link only with a known ending; "e.g." or "lol.ok" is not.
        if value.lower().startswith(("e.g", "i.e")) or "@" in normal[max(0, match.start() - 1) : match.start()]:
            continue
        _add(found, "url", text, match.start(), match.end())


def _phones(text, rule, country, found):
    normal = _normalise_digits(text, rule)
    regions = [country] if country and country in phonenumbers.SUPPORTED_REGIONS else []
    regions += [r for r in rule.regions if r not in regions]
    taken: list[tuple[int, int]] = []
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(normal.text, region, leniency=phonenumbers.Leniency.POSSIBLE):
            start, end = match.start, match.end
            if any(start < b and a < end for a, b in taken):
                continue
            digits = sum(ch.isdigit() for ch in match.raw_string)
            national = len(str(match.number.national_number))
            if digits < 8 or national < 7:
                continue
            # An opening bracket just before the match belongs to it ("(11) 9…").
            if start > 0 and normal.text[start - 1] in "([" and ")" in match.raw_string[:6]:
                start -= 1
            taken.append((start, end))
            original = normal.span(start, end)
            _add(found, "phone", text, *original)


def _handles(text, rule, found):
    for match in HANDLE_AT.finditer(text):
        _add(found, "handle", text, match.start(), match.end())
    for match in DISCORD_TAG.finditer(text):
        _add(found, "handle", text, match.start(), match.end())
    for match in rule.handle_named.finditer(text):
        candidate = match.group("handle").rstrip(".-")
        bare = candidate.lstrip("@")
        # A name with a digit, underscore, dot or "@" is a handle; a plain word after
        # "snap" is probably a sentence ("on snap and …") unless a colon says otherwise.
        said = re.search(r"[:=：]\s*$", text[match.start() : match.start("handle")])
        if not (re.search(r"[\d_.@#]", candidate) or said) or bare.isdigit() and len(bare) < 5:
            continue
        if bare.lower() in {"com", "me", "and", "or", "the", "to"}:
            continue
        _add(found, "handle", text, match.start("handle"), match.start("handle") + len(candidate))


def _spaced(text, data, patterns, found):
    script = data["script"]
    not_places = patterns["not_places"]
    if script == "latin":
        for key in ("school_after", "school_before", "school_hyphen"):
            for match in patterns[key].finditer(text):
                tail = patterns["place_tail"].search(match.group()) if key == "school_before" else None
                _add(
                    found, "school", text, match.start(), match.start() + (tail.start() if tail else len(match.group()))
                )
        for pattern in patterns["address"]:
            for match in pattern.finditer(text):
                _add(found, "address", text, match.start(), match.end())
        for match in patterns["full_name"].finditer(text):
            _add(found, "full_name", text, match.start("name"), match.end("name"))
        for key in ("place_prep", "place_cue", "place_known"):
            for match in patterns[key].finditer(text):
                place = match.group("place")
                first = place.split()[0].strip(".,").lower()
                if first in not_places or place.lower() in not_places:
                    continue
                _add(found, "place", text, match.start("place"), match.end("place"))
        return
    if script == "arabic":
        _arabic(text, data, found)
    elif script == "devanagari":
        _devanagari(text, data, found)


def _words(data, key):
    return _alternation(data.get(key, []))


def _arabic(text, data, found):
    word = rf"[{ARABIC}]+"
    not_school = _words(data, "not_school_names")
    not_places = frozenset(data.get("not_places", []))
    # "مدرسة النور": a school word followed by its name; with the article ("المدرسة") it is
    # just "the school".
    for match in re.finditer(
        rf"(?<![{ARABIC}])(?:{_words(data, 'school_words_before')})\s+(?!(?:{not_school})(?![{ARABIC}])){word}(?:\s+(?!(?:في|من|على|إلى|مع|و)\s){word})?",
        text,
    ):
        value = match.group()
        words = value.split()
        # "ثانوية الملك فهد": keep a second word unless it is a preposition or a place cue.
        if len(words) == 3 and words[2] in ("في", "من"):
            value = " ".join(words[:2])
        _add(found, "school", text, match.start(), match.start() + len(value))
    for match in re.finditer(
        rf"(?<![{ARABIC}])(?:{_words(data, 'street_words_before')})\s+{word}(?:\s+{word})?(?:\s+(?:رقم\s*)?[0-9٠-٩]{{1,5}})?",
        text,
    ):
        if re.search(r"[0-9٠-٩]", match.group()) or match.group().split()[0] == "شارع":
            _add(found, "address", text, match.start(), match.end())
    not_names = _words(data, "not_names")
    for match in re.finditer(
        rf"(?<![{ARABIC}])(?:{_words(data, 'name_intros')})\s+(?!(?:{not_names})(?![{ARABIC}]))(?P<name>{word}\s+(?!(?:{not_names})(?![{ARABIC}])){word})",
        text,
    ):
        name = match.group("name")
        if name.split()[0].startswith("ال"):  # "أنا الآن بخير": an article is not a first name
            continue
        _add(found, "full_name", text, match.start("name"), match.end("name"))
    places = _words(data, "places")
    for match in re.finditer(
        rf"(?<![{ARABIC}])(?:{_words(data, 'place_cues')})\s+(?P<place>{word}(?:\s+{word})?)", text
    ):
        place = match.group("place")
        first = place.split()[0]
        if first in not_places:
            continue
        known = re.match(rf"(?:{places})(?![{ARABIC}])", place)
        if known:
            _add(found, "place", text, match.start("place"), match.start("place") + known.end())
        elif first in ("حي", "مدينة", "قرية", "منطقة"):
            _add(found, "place", text, match.start("place"), match.end("place"))
        elif len(place.split()) == 1 or not first.startswith("ال") and first not in not_places:
            _add(found, "place", text, match.start("place"), match.start("place") + len(first))
    for match in re.finditer(rf"(?<![{ARABIC}])(?:في|من|إلى|الى)\s+(?P<place>{places})(?![{ARABIC}])", text):
        _add(found, "place", text, match.start("place"), match.end("place"))


def _devanagari(text, data, found):
    word = rf"[{DEVANAGARI}]+"
    not_school = _words(data, "not_school_names")
    for match in re.finditer(
        rf"(?<![{DEVANAGARI}])(?P<name>(?!(?:{not_school})\s){word}(?:\s+(?!(?:{not_school})\s){word})?)\s+(?:{_words(data, 'school_words_after')})(?![{DEVANAGARI}])",
        text,
    ):
        start = match.start("name")
        # "मेरे स्कूल": skip leading words that are not names ("in my", "our").
        _add(found, "school", text, start, match.end())
    not_names = _words(data, "not_names")
    for match in re.finditer(
        rf"(?:{_words(data, 'name_intros')})\s+(?:है\s+)?(?P<name>(?!(?:{not_names})\s){word}(?:\s+(?!(?:{not_names})(?![{DEVANAGARI}])){word})?)",
        text,
    ):
        _add(found, "full_name", text, match.start("name"), match.end("name"))
    not_places = frozenset(data.get("not_places", []))
    for match in re.finditer(
        rf"(?<![{DEVANAGARI}])(?P<place>{word})\s+(?:{_words(data, 'place_cues_after')})(?![{DEVANAGARI}])", text
    ):
        if match.group("place") not in not_places:
            _add(found, "place", text, match.start("place"), match.end("place"))
    places = _words(data, "places")
    for match in re.finditer(
        rf"(?<![{DEVANAGARI}A-Za-z])(?P<place>{places})(?![{DEVANAGARI}A-Za-z])\s*(?:{_words(data, 'place_gazetteer_after')})",
        text,
    ):
        _add(found, "place", text, match.start("place"), match.end("place"))


def _cjk(text, data, language, found):
    han_run = rf"[{HAN}{KATAKANA}]"
    school_words = _words(data, "school_words_after")
    not_school = data.get("not_school_names", [])
    for match in re.finditer(rf"(?P<name>{han_run}{{1,12}}|[{KANA}]{{2,6}})(?:{school_words})", text):
        start = match.start("name")
        name = match.group("name")
        # Cut the name after a function word ("我在杭州…", "老师在学校") or a verb.
        cut = max((name.rfind(word) + len(word) for word in not_school if word in name), default=0)
        if cut >= len(name):
            continue
        _add(found, "school", text, start + cut, match.end())
    street = _words(data, "street_words_after")
    for match in re.finditer(
        rf"{han_run}{{1,14}}?(?:{street})\s*[0-9０-９一二三四五六七八九十]+\s*(?:号|號|弄|番地|番|丁目)", text
    ):
        value = match.group()
        cues = [c for c in data.get("address_cues", []) + data.get("place_cues", []) if c in value]
        cut = max((value.rfind(c) + len(c) for c in cues), default=0)
        _add(found, "address", text, match.start() + cut, match.end())
    not_names = data.get("not_names", [])
    endings = _words(data, "name_endings")
    for match in re.finditer(rf"(?:{_words(data, 'name_intros')})\s*(?P<name>[{HAN}{KANA}]{{2,8}})", text):
        name = match.group("name")
        if language == "ja":
            ending = re.search(rf"(?:{endings})", name + text[match.end("name") : match.end("name") + 6])
            if not ending:
                continue
            name = name[: ending.start()] if ending.start() < len(name) else name
            name = re.sub(rf"[{KANA[:20]}].*$", "", name) if re.match(rf"[{HAN}]", name) else name
        else:
            name = re.split(r"[，。,、是的在今我也]", name)[0][:4]
        if len(name) < 2 or any(name.startswith(w) for w in not_names):
            continue
        _add(found, "full_name", text, match.start("name"), match.start("name") + len(name))
    places = data.get("places", [])
    suffixes = data.get("place_suffixes", [])
    not_places = data.get("not_places", [])
    for match in re.finditer(rf"(?:{_words(data, 'place_cues')})\s*(?P<place>[{HAN}{KATAKANA}]{{2,10}})", text):
        place = _cjk_place(match.group("place"), places, suffixes)
        if place and not any(place.startswith(w) for w in not_places):
            _add(found, "place", text, match.start("place"), match.start("place") + len(place))
    for match in re.finditer(rf"(?P<place>[{HAN}{KATAKANA}]{{2,8}})(?:{_words(data, 'place_cues_after')})", text):
        place = match.group("place")
        for word in not_places:
            if word in place:
                place = place[place.rfind(word) + len(word) :]
        if len(place) >= 2:
            _add(found, "place", text, match.end("place") - len(place), match.end("place"))
    if places:
        for match in re.finditer(_alternation(places), text):
            _add(found, "place", text, match.start(), match.end())


def _cjk_place(run: str, places, suffixes) -> str:
    """The place at the start of a run of Han characters: a known place with its district,
    or up to the last place suffix (市, 区 …), or a short run."""
    for place in sorted(places, key=len, reverse=True):
        if run.startswith(place):
            rest = re.match(rf"[{HAN}]{{1,4}}?(?:{'|'.join(suffixes)})", run[len(place) :]) if suffixes else None
            return place + (rest.group() if rest else "")
    last = max((run.rfind(s) + len(s) for s in suffixes if s in run), default=0)
    if last >= 2:
        return run[:last]
    return run if len(run) <= 4 else ""


def _resolve(findings: list[Finding]) -> list[Finding]:
    """Drop findings inside a longer one of the same kind (an email's domain is not also a
    URL), and anything inside an email, link or handle; a place inside a school's or a
    street's name is part of it. A different kind inside (the town in "collège Jean Moulin
    de Lyon") is kept for the moderator; highlighting and redaction use the outer one."""
    priority = {"email": 0, "url": 1, "phone": 2, "handle": 3, "address": 4, "school": 5, "full_name": 6, "place": 7}
    ordered = sorted(set(findings), key=lambda f: (f.start, -(f.end - f.start), priority[f.label]))
    kept: list[Finding] = []
    for finding in ordered:
        outer = [k for k in kept if k.start <= finding.start and finding.end <= k.end]
        if any(
            k.label == finding.label
            or k.label in ("email", "url")
            or k.label == "handle"
            and finding.label != "phone"
            or finding.label == "place"
            and k.label in ("school", "address")
            or finding.label in ("handle", "full_name")
            and k.label == "phone"
            for k in outer
        ):
            continue
        kept.append(finding)
    # A finding that only starts inside another (overlapping) is joined to it for the same kind.
    return kept


def labels(text: str, *, language: str | None = None, country: str | None = None) -> set[str]:
    return {finding.label for finding in scan(text, language=language, country=country)}


def redact(text: str, findings: list[Finding] | list[dict]) -> str:
    """``text`` with every finding replaced by its suggested redaction (overlapping
    findings are merged into one span, so nothing of either is left behind)."""
    items = sorted((f if isinstance(f, dict) else f.as_dict() for f in findings), key=lambda f: (f["start"], -f["end"]))
    spans: list[list] = []
    for item in items:
        if spans and item["start"] < spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], item["end"])
            continue
        spans.append([item["start"], item["end"], item["label"]])
    out, position = [], 0
    for start, end, label in spans:
        out.append(text[position:start])
        out.append(REDACTIONS[label])
        position = end
    out.append(text[position:])
    return "".join(out)


def redact_until_clean(
    text: str,
    findings: list[Finding] | list[dict] | None = None,
    *,
    language: str | None = None,
    country: str | None = None,
    rounds: int = 3,
) -> str:
    """Accept the suggested redactions: apply them, re-scan the result, and apply what the
    re-scan finds (a redaction can bring two halves of a number together) until nothing is
    found. Raises ``RedactionIncomplete`` if findings remain: the caller must not publish."""
    current = text or ""
    if findings is None:
        pending = scan(current, language=language, country=country)
    else:
        pending = [located for f in findings if (located := _locate(current, f)) is not None]
    for _round in range(rounds):
        if pending:
            current = redact(current, pending)
        pending = scan(current, language=language, country=country)
        if not pending:
            return current
    raise RedactionIncomplete(current, pending)


def _locate(text: str, finding: Finding | dict) -> dict | None:
    """A stored finding where it is now: at its offsets if the text there is unchanged,
    else at its first occurrence (the draft may have been edited since the scan)."""
    item = finding if isinstance(finding, dict) else finding.as_dict()
    value = item.get("text") or ""
    if value and text[item["start"] : item["end"]] == value:
        return item
    position = text.find(value) if value else -1
    if position < 0:
        return None
    return item | {"start": position, "end": position + len(value)}
