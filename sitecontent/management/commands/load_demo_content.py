"""Build the demo site (idempotent): ``python manage.py load_demo_content``."""

import importlib
import importlib.util

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site
from wagtail.users.models import UserProfile

from sitecontent.demo.builder import DemoSite, upsert_child
from sitecontent.demo.content import ABOUT, HOME, REGIONS, TIPS
from sitecontent.models import HomePage, RegionPage, StandardPage
from sitecontent.regions import ensure_region_access
from themes.models import BrandingSettings
from themes.navigation_demo import load as load_navigation
from translations.core.tooling import set_translations

# Local-only: the demo accounts exist for trying the site on your own machine.
DEMO_PASSWORD = "safer-internet-demo"  # noqa: S105 (published on purpose: local demo accounts)

# Which demo regions get which general pages, in which languages.
REGION_PAGES = {
    "eu": {"about": ["en", "fr", "de", "es", "pt"], "tips": ["en", "fr", "de", "es"]},
    "latam": {"about": ["es", "pt", "en"], "tips": ["es", "en"]},
    "apac": {"about": ["en", "zh-hans", "ja", "hi"], "tips": ["en", "zh-hans", "ja", "hi"]},
    "africa": {"about": ["en", "ar", "fr", "sw"], "tips": ["en", "ar", "fr", "sw"]},
}


def _page_translations(texts, languages):
    result = {}
    for code in languages:
        title, slug, intro, body = texts[code]
        result[code] = {"title": title, "slug": slug, "intro": intro, "body": body}
    return result


class Command(BaseCommand):
    help = "Create or update the multilingual, multi-region demo site and demo accounts (safe to re-run)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even where SID_ALLOW_DEMO_CONTENT is off. The demo accounts share a published password.",
        )

    def handle(self, *args, allow_production=False, **options):
        if not settings.SID_ALLOW_DEMO_CONTENT and not allow_production:
            raise CommandError(
                "Refusing to create demo accounts with a published password outside development. "
                "Pass --allow-production if this really is a throwaway site."
            )
        with transaction.atomic():
            demo = self.build_core()
        for app_config in apps.get_app_configs():
            module_name = f"{app_config.name}.demo"
            if app_config.name == "sitecontent" or not importlib.util.find_spec(app_config.name):
                continue
            if not (app_config.name.startswith("campaign.") or app_config.name in {"translations", "themes"}):
                continue
            if importlib.util.find_spec(module_name) is None:
                continue
            with transaction.atomic():
                importlib.import_module(module_name).load(demo)
            self.stdout.write(f"Loaded demo content from {module_name}")
        # Last: the menus link to pages every other app has created.
        with transaction.atomic():
            load_navigation(demo)
        self.stdout.write(self.style.SUCCESS("Demo site ready."))
        self.stdout.write(f"Accounts: {', '.join(sorted(demo.users))}")
        self.stdout.write(f"Password for every demo account (local use only): {DEMO_PASSWORD}")

    def build_core(self) -> DemoSite:
        home = self.ensure_home()
        demo = DemoSite(home=home, password=DEMO_PASSWORD, stdout=self.stdout)
        for spec in REGIONS:
            spec = dict(spec)
            region_translations = spec.pop("translations")
            slug = spec.pop("slug")
            region = upsert_child(home, RegionPage, slug, region_translations, **spec)
            ensure_region_access(region)
            demo.regions[region.short_code] = region
            texts = {"about": ABOUT, "tips": TIPS}
            for key, languages in REGION_PAGES[region.short_code].items():
                translations = _page_translations(texts[key], languages)
                default_slug = texts[key]["en"][1]
                translations.setdefault("en", {})
                upsert_child(region, StandardPage, default_slug, translations, show_in_menus=True)
        self.ensure_accounts(demo)
        self.ensure_branding(home)
        return demo

    def ensure_home(self) -> HomePage:
        root = Page.get_first_root_node()
        home = HomePage.objects.first()
        if home is None:
            home = HomePage(slug="home-sid")
            set_translations(home, {code: {k: v for k, v in fields.items()} for code, fields in HOME.items()})
            root.add_child(instance=home)
            home.save_revision().publish()
        else:
            set_translations(home, HOME)
            home.save_revision().publish()
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site.objects.create(
                hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="Safer Internet Day"
            )
        elif site.root_page_id != home.pk:
            old_root = site.root_page
            site.root_page = home
            site.site_name = "Safer Internet Day"
            site.save()
            # Wagtail's placeholder welcome page is not part of the platform.
            if not isinstance(old_root.specific, HomePage) and old_root.depth == 2:
                old_root.delete()
        return HomePage.objects.get(pk=home.pk)

    def ensure_accounts(self, demo: DemoSite) -> None:
        User = get_user_model()
        admin, _ = User.objects.get_or_create(username="admin", defaults={"email": "admin@localhost"})
        admin.is_superuser = admin.is_staff = True
        # Complete profiles: Wagtail's account settings require a first and last name, and a
        # coordinator changes their admin language there.
        admin.first_name, admin.last_name = admin.first_name or "Global", admin.last_name or "Administrator"
        admin.set_password(DEMO_PASSWORD)
        admin.save()
        demo.users["admin"] = admin
        for code, region in demo.regions.items():
            access = ensure_region_access(region)
            for role, group in (("coordinator", access.coordinators), ("moderator", access.moderators)):
                username = f"{code}-{role}"
                user, _ = User.objects.get_or_create(
                    username=username,
                    defaults={"email": f"{username}@localhost", "first_name": f"{region.title} {role}"},
                )
                user.first_name = region.network_name
                user.last_name = role.capitalize()
                user.set_password(DEMO_PASSWORD)
                user.is_staff = False
                user.save()
                user.groups.set([group])
                # Each region's people start with the admin in the region's source language.
                profile = UserProfile.get_for_user(user)
                if not profile.preferred_language:
                    profile.preferred_language = region.source_language
                    profile.save(update_fields=["preferred_language"])
                demo.users[username] = user

    def ensure_branding(self, home) -> None:
        site = Site.objects.get(root_page=home)
        branding = BrandingSettings.for_site(site)
        set_translations(
            branding,
            {
                "en": {"site_name": "Safer Internet Day", "slogan": "Together for a better internet"},
                "fr": {
                    "site_name": "Journée pour un Internet plus sûr",
                    "slogan": "Ensemble pour un meilleur Internet",
                },
                "es": {"site_name": "Día de la Internet Segura", "slogan": "Juntos por una internet mejor"},
                "pt": {"site_name": "Dia da Internet Mais Segura", "slogan": "Juntos por uma internet melhor"},
                "de": {"site_name": "Safer Internet Day", "slogan": "Gemeinsam für ein besseres Internet"},
                "ar": {"site_name": "يوم الإنترنت الآمن", "slogan": "معًا من أجل إنترنت أفضل"},
                "zh-hans": {"site_name": "安全互联网日", "slogan": "共同建设更好的互联网"},
                "ja": {"site_name": "セーファーインターネットデー", "slogan": "より良いインターネットのために"},
                "hi": {"site_name": "सुरक्षित इंटरनेट दिवस", "slogan": "बेहतर इंटरनेट के लिए साथ मिलकर"},
                "sw": {"site_name": "Siku ya Intaneti Salama", "slogan": "Pamoja kwa intaneti bora"},
            },
        )
        branding.save()
