"""Pages with every kind of translatable text, and a fake translator for round trips."""

from __future__ import annotations

import uuid

from django.utils import translation

from tests.factories import StandardPageFactory, UserFactory
from translations.core.tooling import set_translations


def block_id() -> str:
    return str(uuid.uuid4())


def rich_body() -> list[dict]:
    """A body with a heading, rich text with a link, a key message and a FAQ (ListBlock)."""
    return [
        {"type": "heading", "id": block_id(), "value": {"text": "Stay safe online", "level": "h2"}},
        {
            "type": "paragraph",
            "id": block_id(),
            "value": '<p>Talk to <b>someone you trust</b>. Read <a href="https://example.org/help">our guide</a>.</p>',
        },
        {
            "type": "key_message",
            "id": block_id(),
            "value": {"title": "Never your fault", "text": "If someone pressures you, tell an adult."},
        },
        {
            "type": "faq",
            "id": block_id(),
            "value": {
                "heading": "Questions people ask",
                "items": [
                    {
                        "type": "item",
                        "id": block_id(),
                        "value": {"question": "Will I get in trouble?", "answer": "<p>No. <i>Asking</i> is brave.</p>"},
                    },
                    {
                        "type": "item",
                        "id": block_id(),
                        "value": {"question": "Who can help?", "answer": "<p>A helpline, a teacher, a parent.</p>"},
                    },
                ],
            },
        },
    ]


def guide_page(parent, slug="safety-guide", publish=True, **extra):
    """A published StandardPage with English title, intro and a rich body."""
    page = StandardPageFactory(
        parent=parent,
        title="Safety guide",
        slug=slug,
        intro="How to stay safe.",
        body=rich_body(),
        live=publish,
        **extra,
    )
    with translation.override("en"):
        revision = page.save_revision()
        if publish:
            revision.publish()
    page.refresh_from_db()
    return page


def translate_text(text: str, language: str) -> str:
    """A deterministic 'translation' that keeps markup: prefixes every text run."""
    import re

    return re.sub(r"(^|>)([^<>]+)(?=<|$)", lambda m: f"{m.group(1)}[{language}] {m.group(2)}", text)


def translate_in_language(page, language: str, values: dict):
    with translation.override("en"):
        set_translations(page, {language: values})
        page.save_revision().publish()
    page.refresh_from_db()
    return page


__all__ = ["UserFactory", "guide_page", "rich_body", "translate_in_language", "translate_text"]
