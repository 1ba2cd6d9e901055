"""Test data: factories for pages and people, and one standard multi-region page tree.

Use ``build_site_tree()`` in ``setUpTestData`` (once per test class) or the ``site_tree``
fixture. Translated values are set per language with translations.core.tooling.
"""

from __future__ import annotations

from types import SimpleNamespace

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.models import Locale, Page, Site

from sitecontent.models import HomePage, RegionPage, StandardPage
from sitecontent.regions import ensure_region_access
from translations.core.tooling import set_translations

from . import replay

PASSWORD = "test-password-123"  # noqa: S105 (test accounts only)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password(PASSWORD)


class SidPageFactory(wagtail_factories.PageFactory):
    """Creates pages in the default language, whatever a previous request activated."""

    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with translation.override("en"):
            return super()._create(model_class, *args, **kwargs)


class HomePageFactory(SidPageFactory):
    class Meta:
        model = HomePage

    title = "Safer Internet Day"
    slug = factory.Sequence(lambda n: f"home-{n}")


class RegionPageFactory(SidPageFactory):
    class Meta:
        model = RegionPage

    title = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    short_code = factory.Sequence(lambda n: f"r{n}")
    network_name = "Test network"
    languages = factory.LazyFunction(lambda: ["en"])
    default_language = "en"
    source_language = factory.LazyAttribute(lambda region: region.default_language)
    time_zone = "UTC"


class StandardPageFactory(SidPageFactory):
    class Meta:
        model = StandardPage

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.Sequence(lambda n: f"page-{n}")


def translated(page, values: dict[str, dict], publish: bool = True):
    """Set translations on ``page`` and save (and publish) a revision."""
    with translation.override("en"):
        set_translations(page, values)
        revision = page.save_revision()
        if publish:
            revision.publish()
    page.refresh_from_db()
    return page


REGION_SPECS = {
    "eu": dict(
        title="Europe",
        slug="europe",
        network_name="Insafe",
        languages=["en", "fr", "de", "es"],
        countries=["BE", "FR", "DE"],
        time_zone="Europe/Brussels",
        translations={
            "fr": {"title": "Europe", "slug": "europe"},
            "de": {"title": "Europa", "slug": "europa"},
            "es": {"title": "Europa", "slug": "europa"},
        },
    ),
    "latam": dict(
        title="Latin America",
        slug="latin-america",
        network_name="RedNATIC",
        languages=["es", "pt", "en"],
        countries=["MX", "BR"],
        time_zone="America/Mexico_City",
        fallback_rules="pt: es, en",
        default_language="es",
        translations={
            "es": {"title": "América Latina", "slug": "america-latina", "intro": "Texto en español"},
            "pt": {"title": "América Latina", "slug": "america-latina"},
        },
    ),
    "apac": dict(
        title="Asia-Pacific",
        slug="asia-pacific",
        network_name="APAC coalition",
        languages=["en", "zh-hans", "ja"],
        countries=["JP", "SG"],
        time_zone="Asia/Tokyo",
        translations={
            "zh-hans": {"title": "亚太地区", "slug": "asia-pacific"},
            "ja": {"title": "アジア太平洋", "slug": "asia-pacific"},
        },
    ),
}


def build_site_tree() -> SimpleNamespace:
    """Global home with three regions, a page in each, region groups and one user per role.

    Built for real once per test process and database state, then replayed row for row in
    each test's transaction (tests/replay.py): same rows, same ids, fresh objects.
    """
    # Plain field names write the active language's column: build in the default language.
    with translation.override("en"):
        return replay.built("site_tree", _build_site_tree)


def ensure_wagtail_root() -> Page:
    """Transactional tests flush the data Wagtail's migrations created (locale, root page): restore it."""
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    if root is None:
        root = Page.add_root(title="Root", slug="root")
        with translation.override("en"):
            set_translations(root, {"en": {"title": "Root", "slug": "root"}})
            root.save()
    return root


def _build_site_tree() -> SimpleNamespace:
    root = ensure_wagtail_root()
    home = HomePageFactory(parent=root, title="Safer Internet Day", slug="sid-home", intro="Welcome")
    translated(
        home,
        {
            "fr": {"title": "Journée pour un Internet plus sûr", "intro": "Bienvenue"},
            "ar": {"title": "يوم الإنترنت الآمن", "intro": "مرحبا"},
        },
    )
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site.objects.create(hostname="localhost", root_page=home, is_default_site=True)
    else:
        site.root_page = home
        site.save()
    tree = SimpleNamespace(root=root, home=home, site=site, regions={}, pages={}, users={}, groups={})
    for code, spec in REGION_SPECS.items():
        _add_region(tree, code, spec)
    tree.users["admin"] = UserFactory(username="admin", is_superuser=True, is_staff=True)
    return tree


#: Regions a test may add to the standard tree (``add_region``): most tests do not need them.
EXTRA_REGION_SPECS = {
    "africa": dict(
        title="Africa and the Middle East",
        slug="africa-middle-east",
        network_name="Africa network",
        languages=["ar", "fr", "en"],
        countries=["EG", "MA"],
        time_zone="Africa/Cairo",
        default_language="ar",
        translations={
            "ar": {"title": "أفريقيا والشرق الأوسط", "slug": "afriqia"},
            "fr": {"title": "Afrique et Moyen-Orient", "slug": "afrique-moyen-orient"},
        },
    ),
}


def add_region(tree: SimpleNamespace, code: str, **changes) -> RegionPage:
    """Add one of ``EXTRA_REGION_SPECS`` (with ``changes``) to a tree, with its groups and users."""
    with translation.override("en"):
        return _add_region(tree, code, {**EXTRA_REGION_SPECS[code], **changes})


def _add_region(tree: SimpleNamespace, code: str, spec: dict) -> RegionPage:
    spec = dict(spec)
    region_translations = spec.pop("translations")
    region = RegionPageFactory(parent=tree.home, short_code=code, intro=f"About {code}", **spec)
    translated(region, region_translations)
    tree.regions[code] = region
    tree.pages[code] = StandardPageFactory(parent=region, title=f"{spec['title']} guide", slug="guide")
    access = ensure_region_access(region)
    tree.groups[code] = access
    for role, group in (("coordinator", access.coordinators), ("moderator", access.moderators)):
        user = UserFactory(username=f"{code}-{role}")
        user.groups.add(group)
        tree.users[f"{code}-{role}"] = user
    return region
