"""Per-language text analysis for the library search, applied the same way to documents
and to queries, so what a teacher types meets what an editor wrote.

``analyse(text, language)`` returns the index terms of a text in one language:

- every language: NFKC (full-width letters and half-width kana become ordinary ones),
  case folding, no zero-width or bidi control characters;
- accent folding where the language allows it (Latin-script languages: "securite" finds
  "sécurité"; German umlauts fold too, so "Lehrkrafte" finds "Lehrkräfte");
- Snowball stemming (``snowballstemmer``) for English, French, Spanish, Portuguese,
  German, Arabic and Hindi, so "reported" meets "reporting" and "Plakate" meets "Plakat";
- Arabic: diacritics (tashkeel) and tatweel removed, alef/hamza, alef maqsura and taa
  marbuta forms unified, the definite article removed before stemming;
- Japanese: katakana folded to hiragana ("イジメ" finds "いじめ"), then, with Chinese,
  overlapping character bigrams for runs of Han and kana (a lone character stays a term);
- Hindi: nukta removed, candrabindu unified with anusvara, then stemmed;
- Swahili: folding only; the query side matches terms by prefix (``Term.prefix``).

Terms carry the word they came from (``Term.word``) so a "did you mean" can show a word.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

#: Snowball algorithm per site language (those without one are folded only).
STEMMERS = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "pt": "portuguese",
    "de": "german",
    "ar": "arabic",
    "hi": "hindi",
}
#: Languages whose accents are folded away (a teacher may type without them).
ACCENT_FOLDING = {"en", "fr", "es", "pt", "de", "sw"}
#: Languages segmented into character bigrams.
BIGRAM_LANGUAGES = {"zh-hans", "ja"}
#: Shortest term that is also matched as a prefix of longer terms on the query side.
PREFIX_MIN_LENGTH = 3

_INVISIBLE = {
    "\u00ad",  # soft hyphen
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u2060",
    "\ufeff",
    *(chr(c) for c in range(0x202A, 0x202F)),
    *(chr(c) for c in range(0x2066, 0x206A)),
}
_APOSTROPHES = {"'", "\u2019", "\u02bc"}

# Arabic: letters unified (the forms people type interchangeably) and marks removed.
_ARABIC_LETTERS = str.maketrans(
    {
        "\u0622": "\u0627",  # آ → ا
        "\u0623": "\u0627",  # أ → ا
        "\u0625": "\u0627",  # إ → ا
        "\u0671": "\u0627",  # ٱ → ا
        "\u0649": "\u064a",  # ى → ي
        "\u0629": "\u0647",  # ة → ه
        "\u0624": "\u0648",  # ؤ → و
        "\u0626": "\u064a",  # ئ → ي
        "\u0640": None,  # tatweel
    }
)
_ARABIC_MARKS = {chr(c) for c in range(0x064B, 0x0660)} | {"\u0670"}
_ARABIC_ARTICLES = ("وال", "بال", "كال", "فال", "لل", "ال")

_DEVANAGARI = str.maketrans({"\u093c": None, "\u0901": "\u0902"})  # nukta; candrabindu → anusvara


@dataclass(frozen=True)
class Term:
    #: The index term (folded, stemmed, or a bigram).
    text: str
    #: The folded word it came from (shown by "did you mean").
    word: str
    #: Which query group it belongs to (the bigrams of one CJK word share a group).
    group: int = 0

    @property
    def prefix(self) -> bool:
        """Whether a query term also matches longer index terms starting with it."""
        return len(self.text) >= PREFIX_MIN_LENGTH or _is_cjk(self.text[:1])


@lru_cache(maxsize=16)
def _stemmer(language: str):
    algorithm = STEMMERS.get(language)
    return snowballstemmer.stemmer(algorithm) if algorithm else None


@lru_cache(maxsize=65536)
def _stem(language: str, word: str) -> str:
    """The stem of ``word``, remembered: stemming is most of indexing's time, and a
    library's texts repeat the same few thousand words (the stemmer itself keeps none)."""
    return _stemmer(language).stemWord(word) or word


def _is_cjk(char: str) -> bool:
    if not char:
        return False
    code = ord(char)
    return (
        0x3040 <= code <= 0x30FF  # hiragana, katakana (with ー)
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2FFFF
        or code == 0x3005  # 々
    )


def _is_word_char(char: str) -> bool:
    return unicodedata.category(char)[0] in "LNM"


def _kana_to_hiragana(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if 0x30A1 <= ord(c) <= 0x30F6 else c for c in text)


def normalise(text: str, language: str) -> str:
    """The text as the index compares it: NFKC, folded, with the language's own unifications."""
    text = unicodedata.normalize("NFKC", text or "")
    text = "".join(char for char in text if char not in _INVISIBLE).casefold()
    if language in ACCENT_FOLDING:
        decomposed = unicodedata.normalize("NFD", text)
        text = unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))
    elif language == "ar":
        text = "".join(c for c in text if c not in _ARABIC_MARKS).translate(_ARABIC_LETTERS)
    elif language == "hi":
        text = text.translate(_DEVANAGARI)
    elif language == "ja":
        text = _kana_to_hiragana(text)
    if language == "sw":  # "unyang'anyi" is one word
        text = "".join(c for c in text if c not in _APOSTROPHES)
    return text


def _words(text: str) -> list[str]:
    """Runs of letters, digits and marks; a run is cut where it enters or leaves CJK."""
    words, current, current_cjk = [], [], False
    for char in text:
        if not _is_word_char(char):
            if current:
                words.append("".join(current))
                current = []
            continue
        cjk = _is_cjk(char) or (char == "ー" and current_cjk)
        if current and cjk != current_cjk:
            words.append("".join(current))
            current = []
        current.append(char)
        current_cjk = cjk
    if current:
        words.append("".join(current))
    return words


def _strip_arabic_article(word: str) -> str:
    for article in _ARABIC_ARTICLES:
        if word.startswith(article) and len(word) - len(article) >= 2:
            return word[len(article) :]
    return word


def analyse(text: str, language: str) -> list[Term]:
    """Index terms of ``text`` in ``language``, in order (repeats kept, for weighting)."""
    stemmer = _stemmer(language)
    terms: list[Term] = []
    for group, word in enumerate(_words(normalise(text, language))):
        if _is_cjk(word[0]):
            if len(word) == 1:
                terms.append(Term(word, word, group))
            else:
                terms.extend(Term(word[i : i + 2], word, group) for i in range(len(word) - 1))
            continue
        stem = word
        if language == "ar":
            stem = _strip_arabic_article(stem)
        if stemmer is not None:
            stem = _stem(language, stem)
        if language in ACCENT_FOLDING:  # a stemmer may not fold what it does not know
            stem = unicodedata.normalize("NFC", stem)
        terms.append(Term(stem[:64], word[:64], group))
    return terms


def index_terms(text: str, language: str) -> list[str]:
    return [term.text for term in analyse(text, language)]
