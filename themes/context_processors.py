"""Branding and theme for every template, resolved once per request."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, get_language_info

from translations.core.languages import RTL_LANGUAGES

from .loader import current_theme, get_template


def theme(request):
    language = get_language() or settings.LANGUAGE_CODE
    try:
        info = get_language_info(language)
    except KeyError:
        info = {"bidi": language in RTL_LANGUAGES}
    return {
        "sid_theme": current_theme(),
        # {% extends sid_base_template %}: the theme's base.html, or the default theme's.
        "sid_base_template": SimpleLazyObject(lambda: get_template("base.html")),
        "sid_text_direction": "rtl" if info.get("bidi") else "ltr",
    }
