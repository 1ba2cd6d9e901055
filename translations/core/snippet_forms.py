"""The snippet edit form's rule on languages: the source language is required, no other.

Pages have theirs in ``page_forms``. A snippet's source language may depend on what the
form itself holds (a curated pack's region, a help entry's country, the source language a
topic's or an edition's editor chose), so it is decided once the form's values are on the
instance, and the required fields are checked in that language only: on the object itself
and on its inline children (a help entry's helplines and hotlines).
"""

from __future__ import annotations

from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.forms import WagtailAdminModelForm

from .source import _empty, default_source_language, source_language_of, source_required_fields


def _missing_message(instance, language: str) -> str:
    name = get_language_info(language)["name_translated"]
    if getattr(instance, "source_language_field", None) or getattr(instance, "source_language_from_region", False):
        return _("This field is required in %(language)s, the source language of this region.") % {"language": name}
    return _("This field is required in %(language)s, the source language chosen for this item.") % {"language": name}


def _has_own_choice(model) -> bool:
    return any(field.name == "source_language" for field in model._meta.concrete_fields)


class SourceLanguageModelForm(WagtailAdminModelForm):
    """Requires a snippet's (and its inline children's) required texts in its source language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = type(self.instance)
        if not self.instance.pk and not self.is_bound and _has_own_choice(model) and "source_language" in self.fields:
            # A new shared item starts in the language its editor writes in.
            self.initial["source_language"] = default_source_language(self.for_user)
        if not self.is_bound:
            # Mark the known source language's fields (what the editor sees first); the
            # rule itself is checked on the submitted values, below.
            region_field = getattr(self.instance, "source_language_field", None)
            if _has_own_choice(model) and not self.instance.pk:
                source = self.initial.get("source_language")
            elif region_field and not getattr(self.instance, f"{region_field}_id", None):
                source = None  # decided by the region chosen in the form
            else:
                source = source_language_of(self.instance)
            for field in source_required_fields(model):
                name = build_localized_fieldname(field, source) if source else None
                if name in self.fields:
                    self.fields[name].required = True

    @property
    def source_language(self) -> str:
        return source_language_of(self.instance)

    def _post_clean(self):
        super()._post_clean()  # the form's values are now on the instance
        source = self.source_language
        for field in source_required_fields(type(self.instance)):
            name = build_localized_fieldname(field, source)
            if name in self.fields and name not in self._errors and _empty(getattr(self.instance, name, None)):
                self.add_error(name, _missing_message(self.instance, source))

    def is_valid(self):
        valid = super().is_valid()
        if not hasattr(self, "cleaned_data"):
            return valid
        # Inline children (helplines, hotlines) are written in their parent's source language.
        source = self.source_language
        for formset in getattr(self, "formsets", {}).values():
            required = source_required_fields(formset.model)
            if not required:
                continue
            for form in formset.forms:
                cleaned = getattr(form, "cleaned_data", None)
                if not cleaned or not form.has_changed() or cleaned.get("DELETE"):
                    continue
                for field in required:
                    name = build_localized_fieldname(field, source)
                    if name in form.fields and name not in form.errors and _empty(cleaned.get(name)):
                        form.add_error(name, _missing_message(self.instance, source))
                        valid = False
        return valid
