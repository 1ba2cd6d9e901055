"""The coordinators' translation workflow in the admin: what is translated and what is
missing (``coverage``, kept current per object and language by ``stamps`` and
``coverage_store``), the units a translator sees (``units``, ``inline``), files written and
read (``formats``, ``exporting``, ``importing``, ``validation``, ``memory``, ``preview``), and
the admin screens (``views``, ``urls``, ``forms``, ``dashboard``).

Its tables are ``translations.models``; its background task is ``translations.tasks``
(where Celery's autodiscovery looks); ``translations.wagtail_hooks`` mounts its URLs.
"""
