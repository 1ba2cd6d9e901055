"""International services shown when a country has no entry, or lacks a kind of service.

These are the networks the UN report names: Child Helpline International (the directory of
child helplines in about 130 countries), INHOPE (the network of hotlines for reporting child
sexual abuse material) and the Virtual Global Taskforce (law enforcement, online abuse
reports). Addresses are settings so an operator can correct them without a release.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class InternationalService:
    key: str
    name: str
    action: Promise  # the link text: what the visitor does there
    description: Promise
    url: str


def helpline_directory() -> InternationalService:
    return InternationalService(
        key="chi",
        name="Child Helpline International",
        action=_("Find a child helpline in your country"),
        description=_("A free, confidential helpline for children and young people, in about 130 countries."),
        url=settings.HELPLINES_CHI_DIRECTORY_URL,
    )


def report_services() -> list[InternationalService]:
    return [
        InternationalService(
            key="inhope",
            name="INHOPE",
            action=_("Report child sexual abuse material"),
            description=_("Find the hotline in your country that removes abuse images and videos."),
            url=settings.HELPLINES_INHOPE_REPORT_URL,
        ),
        InternationalService(
            key="vgt",
            name="Virtual Global Taskforce",
            action=_("Report online child abuse to the police"),
            description=_("Police forces around the world working together against online child abuse."),
            url=settings.HELPLINES_VGT_REPORT_URL,
        ),
    ]
