"""Page models of the generic CMS, one module per page family."""

from .base import SidPage
from .guides import GuidePage
from .home import HomePage
from .library import (
    LibraryDocument,
    LibraryFacet,
    LibraryFacetCount,
    LibraryItem,
    LibraryWord,
    ResourceFile,
    ResourceIndexPage,
    ResourcePage,
    library_item_models,
)
from .region import RegionPage
from .standard import StandardPage
from .taxonomy import Topic

__all__ = [
    "GuidePage",
    "HomePage",
    "LibraryDocument",
    "LibraryFacet",
    "LibraryFacetCount",
    "LibraryItem",
    "LibraryWord",
    "RegionPage",
    "ResourceFile",
    "ResourceIndexPage",
    "ResourcePage",
    "SidPage",
    "StandardPage",
    "Topic",
    "library_item_models",
]
