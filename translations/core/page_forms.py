"""The page edit form's rule on languages: the source language is required, no other.

Every platform page uses this form (``SidPage.base_form_class``); wagtail-modeltranslation
wraps it with its own slug checks.
"""

from __future__ import annotations

from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.forms import WagtailAdminPageForm

from .source import source_language_of, source_required_fields


class SourceLanguagePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk and self.parent_page is not None:
            # The new page has no place in the tree yet: its region comes from its parent.
            self.instance._sid_parent = self.parent_page
        self.source_language = source_language_of(self.instance, self.parent_page)
        for field in source_required_fields(type(self.instance)):
            name = build_localized_fieldname(field, self.source_language)
            if name in self.fields:
                self.fields[name].required = True
