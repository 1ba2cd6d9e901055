"""The platform's languages: one list, shared by settings, forms and templates.

Kept free of Django imports beyond lazy gettext so settings can import it.
"""

from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

DEFAULT_LANGUAGE = "en"

LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("de", _("German")),
    ("ar", _("Arabic")),
    ("zh-hans", _("Simplified Chinese")),
    ("ja", _("Japanese")),
    ("hi", _("Hindi")),
    ("sw", _("Swahili")),
]
LANGUAGE_CODES = tuple(code for code, _name in LANGUAGES)


def native_language_choices() -> list[tuple[str, str]]:
    """(code, the language's name in itself: "français", "العربية"): what visitors pick from."""
    return [(code, get_language_info(code)["name_local"]) for code in LANGUAGE_CODES]


# Languages written right to left. Django knows this too (get_language_info()["bidi"]);
# this set is used where no request is active, e.g. exports.
RTL_LANGUAGES = frozenset({"ar"})

# Global fallback chains. Regions may set their own (RegionPage.fallback_rules), applied
# while one of their pages is served: see translations.core.fallback.
from .fallback import RegionAwareFallbacks  # noqa: E402

FALLBACK_LANGUAGES = RegionAwareFallbacks({"default": (DEFAULT_LANGUAGE,)})
