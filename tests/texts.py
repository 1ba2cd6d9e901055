"""Expected interface text in a given language, from the message catalogues.

Tests that request a page in French assert the French text the visitor reads, not the
English msgid: ``assert in_language("We could not make this pack", "fr") in html``.
"""

from django.utils import translation


def in_language(text: str, language: str) -> str:
    with translation.override(language):
        return translation.gettext(text)
