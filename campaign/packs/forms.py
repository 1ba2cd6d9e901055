"""Admin form of curated packs: a coordinator only sees their own regions to choose from.

The title is required in the chosen region's source language, and in no other
(translations.core.snippet_forms).
"""

from translations.core.snippet_forms import SourceLanguageModelForm

from .permissions import coordinated_regions


class CuratedPackForm(SourceLanguageModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "region" in self.fields:
            self.fields["region"].queryset = coordinated_regions(self.for_user)
