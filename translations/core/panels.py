"""Admin panels for translated fields of models wagtail-modeltranslation does not patch.

wagtail-modeltranslation gives pages and snippets a field per language, but not Wagtail
settings (upstream issue #326): their forms showed only the active language's column. These
panels list every language column explicitly, one tab per language.
"""

from django.conf import settings
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.panels import FieldPanel, ObjectList


def language_tabs(fields: tuple[str, ...]) -> list[ObjectList]:
    return [
        ObjectList([FieldPanel(build_localized_fieldname(name, code)) for name in fields], heading=label)
        for code, label in settings.LANGUAGES
    ]
