"""Admin form of curated packs: a coordinator only sees their own regions to choose from."""

from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.forms import WagtailAdminModelForm

from translations.source import source_required_fields


class CuratedPackForm(WagtailAdminModelForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.for_user is not None and "region" in self.fields:
            from .permissions import coordinated_regions

            self.fields["region"].queryset = coordinated_regions(self.for_user)

    def clean(self):
        cleaned = super().clean()
        # The title is required in the chosen region's source language, and in no other.
        region = cleaned.get("region")
        if region is not None:
            source = region.source_language
            for field in source_required_fields(type(self.instance)):
                name = build_localized_fieldname(field, source)
                if name in self.fields and not (cleaned.get(name) or "").strip():
                    self.add_error(
                        name,
                        _("This field is required in %(language)s, the source language of this region.")
                        % {"language": get_language_info(source)["name_translated"]},
                    )
        return cleaned
