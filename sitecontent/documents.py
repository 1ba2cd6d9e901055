"""Documents get a title in words, in the language the coordinator writes in.

The title is the link text readers see ("Guía contra el ciberacoso para familias"), never the
file name ("guia-ciberacoso-familias"). Wagtail proposes the file name: the form names the
language to write the title in (the source language of the coordinator's region,
``translations.core.source.default_source_language``); a title that is still a file name is
refused, except on the multiple upload's first step, which stores the file at once under
its name written as words, to be retitled in the form shown next to it.
"""

from __future__ import annotations

import os
import re

from django import forms
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

from translations.core.source import default_source_language

_FILE_NAME = re.compile(r"^[^\s]+\.[A-Za-z0-9]{2,5}$|^[^\s]*[-_][^\s]*$")


def looks_like_file_name(title: str) -> bool:
    """``guia-ciberacoso.pdf``, ``guia_ciberacoso``, ``guia-ciberacoso``: one token with dashes,
    underscores or an extension, no spaces."""
    return bool(_FILE_NAME.match(title.strip()))


def words_from_file_name(name: str) -> str:
    """``guia-ciberacoso_familias.pdf`` → ``Guia ciberacoso familias``."""
    stem = os.path.splitext(os.path.basename(name))[0]
    words = " ".join(re.split(r"[-_.\s]+", stem)).strip()
    return words[:1].upper() + words[1:] if words else stem


class DocumentForm(BaseDocumentForm):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.content_language = default_source_language(user)
        if "title" in self.fields:
            name = get_language_info(self.content_language)["name_translated"]
            self.fields["title"].label = _("Title in %(language)s") % {"language": name}
            self.fields["title"].help_text = _(
                "Write it in words, as readers will see it: it is the document's link text on the site, "
                "not its file name."
            )
            # Wagtail's form read the title's bound field already (to point the file input at
            # it): drop the cached one so the label and help above are the ones shown.
            self._bound_fields_cache.pop("title", None)

    def _uploading_under_file_name(self, title: str) -> bool:
        """The multiple upload's first step: the file arrives with its own name as the title."""
        upload = self.files.get("file") if self.files else None
        if upload is None or "file" not in self.fields:
            return False
        stem = os.path.splitext(os.path.basename(upload.name))[0]
        return title in (upload.name, stem)

    def clean_title(self):
        title = (self.cleaned_data.get("title") or "").strip()
        if self._uploading_under_file_name(title) and self.is_multiple_upload_first_step():
            return words_from_file_name(title)
        if looks_like_file_name(title):
            raise forms.ValidationError(
                _("Give the document a title in words, as readers will see it, not its file name."),
                code="file_name_title",
            )
        return title

    def is_multiple_upload_first_step(self) -> bool:
        """Wagtail's multiple upload builds its first form from the file alone (its name as the
        title, and the collection): no field a person filled in. Every other form, the single
        upload's included, was shown to the person first."""
        return set(self.data) <= {"title", "collection"}
