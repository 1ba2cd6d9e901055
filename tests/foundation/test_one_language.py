"""One language at a time: on every page type of the demo site in Arabic and Japanese, every
text node is inside an element whose ``lang`` is the language it is written in.

The independent source is the text's own script: Arabic letters or Japanese kana are the
page's language and must sit under ``lang="ar"``/``lang="ja"``; a Latin-script word is
English, French, Spanish… (a fallback) and must sit under an element whose ``lang`` says so,
which {% inlang %} gives every fallback fragment (page fields, edition messages, region
cards, blocks), with a visible marker in the page's language.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup, Comment

from tests.browser.test_every_page_axe import public_paths
from tests.demo import module_demo_site

demo_site = module_demo_site()

PAGE_SCRIPT = {"ar": re.compile(r"[\u0600-\u06ff]"), "ja": re.compile(r"[\u3040-\u30ff]")}
LATIN_WORD = re.compile(r"[A-Za-zÀ-ÿ]{4,}")
LATIN_LANGUAGES = {"en", "fr", "es", "pt", "de", "sw"}
# Not words of any language: time zones, offsets, file formats, codes, addresses, numbers.
NEUTRAL = re.compile(
    r"^[\s\d\W]*$|^[A-Za-z_]+(/[A-Za-z_ \-]+)+$|[A-Za-z_]+/[A-Za-z_/]+|UTC|iCalendar|\.ics|https?://|@"
    r"|\bPDF\b|\bZIP\b|\bDOCX?\b|\bPPTX?\b"
)
SKIP_TAGS = {"script", "style", "noscript", "template", "title"}


def _is_name(node) -> bool:
    """Inside ``translate="no"``: a proper name (a venue, a network, a helpline), in no language."""
    return any(getattr(parent, "get", lambda _k: None)("translate") == "no" for parent in node.parents)


def _nearest_lang(node) -> str:
    for parent in node.parents:
        lang = parent.get("lang") if hasattr(parent, "get") else None
        if lang:
            return lang
    return ""


def language_problems(html: str, page_language: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    for text in soup.body.find_all(string=True):
        if isinstance(text, Comment) or text.parent.name in SKIP_TAGS:
            continue
        value = " ".join(text.split())
        if not value:
            continue
        lang = _nearest_lang(text)
        if PAGE_SCRIPT[page_language].search(value) and lang != page_language:
            problems.append(f"{page_language} text under lang={lang!r}: {value[:60]!r}")
        words = LATIN_WORD.findall(NEUTRAL.sub(" ", value))
        if words and not PAGE_SCRIPT[page_language].search(value) and lang == page_language and not _is_name(text):
            # Brand names and proper nouns written in Latin script in every language.
            if not set(words) <= _PROPER_NOUNS:
                problems.append(f"Latin-script text marked {lang!r}: {value[:60]!r}")
    return problems


_PROPER_NOUNS = {
    "Safer",
    "Internet",
    "Insafe",
    "RedNATIC",
    "INHOPE",
    "Child",
    "Helpline",
    "International",
    "WhatsApp",
    "TikTok",
    "Instagram",
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "ja"])
def test_every_text_node_is_under_its_own_language(demo_site, client, language):
    failures = {}
    for path in public_paths(language):
        response = client.get(path)
        assert response.status_code == 200, path
        problems = language_problems(response.content.decode(), language)
        if problems:
            failures[path] = problems[:6]
    assert not failures, "\n".join(f"{path}: {problems}" for path, problems in failures.items())


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["ar", "ja"])
def test_fallback_fragments_carry_a_visible_marker_and_the_notice_names_them(demo_site, client, language):
    """Every element in another language than the page's shows "(in …)" and the notice lists it."""
    missing = {}
    for path in public_paths(language):
        soup = BeautifulSoup(client.get(path).content.decode(), "html.parser")
        main = soup.find("main")
        fragments = [
            element
            for element in main.find_all(attrs={"lang": True})
            if element["lang"] in LATIN_LANGUAGES and element.find(class_="lang-marker", recursive=False)
        ]
        notice = main.find(class_="notice--fallback")
        for element in fragments:
            marker = element.find(class_="lang-marker", recursive=False)
            assert marker["lang"] == language
            assert marker.find(attrs={"lang": element["lang"]}) is not None
            if notice is None or notice.find(attrs={"lang": element["lang"]}) is None:
                missing.setdefault(path, []).append(element["lang"])
    assert not missing, missing
