"""Files go through Django's storage API only, one storage alias per kind of file.

Several app servers and workers must see the same files, so no code path reads or writes a
local path for something another process needs: it asks ``storages[alias]``. The aliases
(``settings.STORAGES``, each configurable from the environment, see README "Configuration"):

* ``default``: public media (Wagtail images and documents, approved story pictures);
* ``packs``: built teacher-pack ZIPs (never served directly: the counting view reads them);
* ``certificates``: certificate PDFs (read by the certificate's view);
* ``story_pictures``: pictures young people sent, kept private until a moderator decides.

By default each is a local folder (``FolderStorage`` below, named by its old setting so
deployments keep their paths); any storage backend may replace it, e.g. S3-compatible
object storage through django-storages.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

MEDIA = "default"
PACKS = "packs"
CERTIFICATES = "certificates"
STORY_PICTURES = "story_pictures"


def storage(alias: str):
    return storages[alias]


class FolderStorage(FileSystemStorage):
    """A local folder named by a setting (else ``MEDIA_ROOT/<subfolder>``, or the explicit
    ``location`` option), without URLs.

    The setting is read each time the folder is needed, so settings overrides (tests, a
    deployment's environment) move it, as ``FileSystemStorage`` does for ``MEDIA_ROOT``.
    """

    def __init__(self, setting: str = "", subfolder: str = "", **kwargs):
        self.setting = setting
        self.subfolder = subfolder
        kwargs.setdefault("base_url", None)
        super().__init__(**kwargs)

    @property
    def base_location(self):
        if self._location:  # an explicit "location" option
            return self._location
        folder = getattr(settings, self.setting, None) if self.setting else None
        return str(folder or Path(settings.MEDIA_ROOT) / self.subfolder)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError(f"{self.setting or self.subfolder} files are not served by URL")

    def deconstruct(self):  # pragma: no cover - not used in migrations
        return ("sid.storage.FolderStorage", (), {"setting": self.setting, "subfolder": self.subfolder})


def replace(store, name: str, content) -> str:
    """Store ``content`` under exactly ``name``, replacing what is there.

    Callers mark the row that names the file ready only after this returns, so nobody is
    ever sent a file while it is being written."""
    if store.exists(name):
        store.delete(name)
    saved = store.save(name, content)
    if saved != name:  # another writer got there in between: keep neither copy's name
        store.delete(saved)
        raise FileExistsError(name)
    return saved
