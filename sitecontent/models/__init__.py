"""Page models of the generic CMS, one module per page family."""

from .base import SidPage
from .home import HomePage
from .region import RegionPage
from .standard import StandardPage

__all__ = ["HomePage", "RegionPage", "SidPage", "StandardPage"]
