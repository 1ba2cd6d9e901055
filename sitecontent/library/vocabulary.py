"""Fixed vocabularies of the library: audiences, age bands, formats, licences.

Codes are what the query string and the facet table store; labels are translated.
"""

from django.utils.translation import gettext_lazy as _

AUDIENCES = [
    ("children", _("Children")),
    ("teenagers", _("Teenagers")),
    ("parents", _("Parents and carers")),
    ("teachers", _("Teachers")),
    ("professionals", _("Professionals")),
]

#: The one age scheme of the platform: library items, guides, packs (their items') and
#: events all use these bands, youngest first. (A story's ``age_band`` is its author's age,
#: banded for parental consent rules: campaign.stories.consent.)
AGE_BANDS = [
    ("0-4", _("Under 5")),
    ("5-8", _("Ages 5–8")),
    ("9-12", _("Ages 9–12")),
    ("13-15", _("Ages 13–15")),
    ("16-18", _("Ages 16–18")),
    ("adults", _("Adults")),
]

FORMATS = [
    ("lesson_plan", _("Lesson plan")),
    ("poster", _("Poster")),
    ("video", _("Video")),
    ("guide", _("Guide")),
    ("activity", _("Activity")),
    ("quiz", _("Quiz")),
    ("case_card", _("Case card")),
]

LICENCES = [
    ("cc-by", _("Creative Commons Attribution (CC BY 4.0)")),
    ("cc-by-sa", _("Creative Commons Attribution-ShareAlike (CC BY-SA 4.0)")),
    ("cc-by-nc", _("Creative Commons Attribution-NonCommercial (CC BY-NC 4.0)")),
    ("cc-by-nc-sa", _("Creative Commons Attribution-NonCommercial-ShareAlike (CC BY-NC-SA 4.0)")),
    ("public-domain", _("Public domain (CC0)")),
    ("free-classroom", _("Free to use in class, not to sell")),
    ("all-rights-reserved", _("All rights reserved: link only")),
]
