"""Languages and translation for the whole platform, in three parts:

- ``core``: the language core (languages, fallbacks, source language, fields);
- ``registrations``: every modeltranslation registration;
- ``workflow``: the coordinators' workflow (coverage, export, import).

The app's own entry points stay here, where Django, Wagtail and Celery look for them:
``apps``, ``models`` (the workflow's tables), ``tasks``, ``wagtail_hooks``, ``migrations``,
``management`` and ``templatetags``.
"""
