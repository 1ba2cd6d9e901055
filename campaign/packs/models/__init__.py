"""Teacher packs: curated packs assembled by coordinators, and ZIP builds on demand."""

from .builds import PackBuild, PackDownloadCount
from .curated import CuratedPack, CuratedPackItem

__all__ = ["CuratedPack", "CuratedPackItem", "PackBuild", "PackDownloadCount"]
