"""Idempotent helpers for building demo pages with translated fields."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import translation
from wagtail.models import Page

from translations.core.languages import DEFAULT_LANGUAGE
from translations.core.tooling import set_translations


@dataclass
class DemoSite:
    """What demo loaders share: the home page, regions by code, accounts, the password."""

    home: Page
    regions: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)
    password: str = ""
    stdout: object = None

    def say(self, message: str) -> None:
        if self.stdout is not None:
            self.stdout.write(message)


def upsert_child(parent: Page, model, slug: str, translations: dict[str, dict], **fields):
    """Create or update the child of ``parent`` with default-language slug ``slug``, and publish it.

    ``translations`` maps language codes to translated field values (title, slug, intro, body…).
    """
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    page = existing or model(slug=slug)
    for name, value in fields.items():
        setattr(page, name, value)
    with translation.override(DEFAULT_LANGUAGE):
        set_translations(page, translations)
        page.slug = slug
        if existing is None:
            parent.add_child(instance=page)
        revision = page.save_revision()
        revision.publish()
    page.refresh_from_db()
    return page
