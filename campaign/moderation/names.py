"""Workflow and task names: stored once in English, shown in the reader's language.

Wagtail stores a workflow's and a task's ``name`` in one column and prints it wherever it
shows one: the editor's "Submit to …" button and status panel, the dashboard's moderation
panels, workflow histories, reports, notification e-mails. Our names follow fixed
patterns (``<region> <kind> moderation`` / ``<region> <kind> review``, and Wagtail's own
default "Moderators approval"), each a message in our catalogues.

The one gate: every Workflow and Task instance gets its ``name`` as a ``WorkflowName``
when it is built (``post_init``, connected in ``campaign.moderation.apps``). Its value —
what the database, JSON log data, filters and comparisons see — is the stored English;
reading it as text (``str()``: templates, ``%`` formatting, form widgets) gives gettext's
translation in the active language. A name saved back from a form in another language
is turned into its English source first (``pre_save``), so the admin's language never
decides what is stored. Names that follow no pattern (a workflow an administrator added)
are shown as they were written.
"""

from __future__ import annotations

import copy
import functools
import re

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_init, pre_save
from django.utils import translation
from django.utils.translation import pgettext_lazy
from wagtail.models import Task, Workflow

#: The kinds of content a region's workflows moderate (campaign.moderation.workflows).
KINDS = ("stories", "events", "pages")
GLOBAL = "global"

#: (what, kind) → message; ``%(region)s`` is the region's short code.
REGION_NAMES = {
    ("moderation", "stories"): pgettext_lazy("workflow name", "%(region)s stories moderation"),
    ("moderation", "events"): pgettext_lazy("workflow name", "%(region)s events moderation"),
    ("moderation", "pages"): pgettext_lazy("workflow name", "%(region)s pages moderation"),
    ("review", "stories"): pgettext_lazy("workflow task name", "%(region)s stories review"),
    ("review", "events"): pgettext_lazy("workflow task name", "%(region)s events review"),
    ("review", "pages"): pgettext_lazy("workflow task name", "%(region)s pages review"),
}
GLOBAL_NAMES = {
    ("moderation", "stories"): pgettext_lazy("workflow name", "Global stories moderation"),
    ("moderation", "events"): pgettext_lazy("workflow name", "Global events moderation"),
    ("moderation", "pages"): pgettext_lazy("workflow name", "Global pages moderation"),
    ("review", "stories"): pgettext_lazy("workflow task name", "Global stories review"),
    ("review", "events"): pgettext_lazy("workflow task name", "Global events review"),
    ("review", "pages"): pgettext_lazy("workflow task name", "Global pages review"),
}
#: Wagtail's default workflow and its task (created by its migrations, attached to the root).
WAGTAIL_DEFAULT = "Moderators approval"
DEFAULT_NAMES = {
    WAGTAIL_DEFAULT: pgettext_lazy("workflow name", "Moderators approval"),
}

_STORED = re.compile(r"^(?P<label>\S+) (?P<kind>\w+) (?P<what>moderation|review)$")


def stored_name(label: str, kind: str, what: str) -> str:
    """The English name stored for a region's (``label`` = short code) or the global workflow/task."""
    return f"{label} {kind} {what}"


def translated_name(stored: str) -> str:
    """``stored`` in the active language (unchanged when it follows none of our patterns)."""
    if stored in DEFAULT_NAMES:
        return str(DEFAULT_NAMES[stored])
    match = _STORED.match(stored)
    if match is None:
        return stored
    key = (match["what"], match["kind"])
    if match["label"] == GLOBAL and key in GLOBAL_NAMES:
        return str(GLOBAL_NAMES[key])
    if key in REGION_NAMES:
        return str(REGION_NAMES[key]) % {"region": match["label"]}
    return stored


class WorkflowName(str):
    """A stored name (the ``str`` value) that reads as its translation (``str()``)."""

    __slots__ = ()

    @property
    def source(self) -> str:
        """The stored English name, as a plain string."""
        return str.__str__(self)

    def __str__(self) -> str:
        return translated_name(self.source)

    def __reduce__(self):
        return (WorkflowName, (self.source,))


@functools.cache
def _translated_patterns(language: str) -> tuple[tuple[re.Pattern, object], ...]:
    """(pattern over the translated name, function giving the stored name) for ``language``."""
    found = []
    with translation.override(language):
        for stored, message in DEFAULT_NAMES.items():
            found.append((re.compile("^" + re.escape(str(message)) + "$"), lambda _m, s=stored: s))
        for (what, kind), message in GLOBAL_NAMES.items():
            stored = stored_name(GLOBAL, kind, what)
            found.append((re.compile("^" + re.escape(str(message)) + "$"), lambda _m, s=stored: s))
        for (what, kind), message in REGION_NAMES.items():
            text = re.escape(str(message)).replace(re.escape("%(region)s"), r"(?P<region>\S+)")
            found.append(
                (re.compile("^" + text + "$"), lambda m, w=what, k=kind: stored_name(m["region"], k, w)),
            )
    return tuple(found)


def source_name(name: str) -> str:
    """What to store for ``name``: its English source when it is one of our names in any language."""
    if isinstance(name, WorkflowName):
        return name.source
    name = str(name)
    if name in DEFAULT_NAMES:
        return name
    for code, _label in settings.LANGUAGES:
        for pattern, stored in _translated_patterns(code):
            match = pattern.match(name)
            if match:
                return stored(match)
    return name


def wrap_name(sender, instance, **kwargs):
    """post_init: the instance's name reads in the active language."""
    name = instance.__dict__.get("name")
    if isinstance(name, str) and not isinstance(name, WorkflowName):
        instance.__dict__["name"] = WorkflowName(name)


def store_source_name(sender, instance, **kwargs):
    """pre_save: what is stored is the English source, whatever language the form was in."""
    name = instance.__dict__.get("name")
    if isinstance(name, str):
        instance.__dict__["name"] = WorkflowName(source_name(name))


def connect() -> None:
    for model in apps.get_models():
        if issubclass(model, (Workflow, Task)):
            post_init.connect(wrap_name, sender=model, dispatch_uid=f"workflow-name-{model._meta.label}")
            pre_save.connect(store_source_name, sender=model, dispatch_uid=f"workflow-source-{model._meta.label}")


class TranslatedWorkflowLog:
    """A Wagtail log formatter whose messages name the workflow and its tasks through
    ``WorkflowName`` (log entries keep the English names they were written with)."""

    def __init__(self, formatter):
        self.formatter = formatter

    def __getattr__(self, name):
        return getattr(self.formatter, name)

    def format_message(self, log_entry):
        data = log_entry.data
        workflow = data.get("workflow") if isinstance(data, dict) else None
        if not isinstance(workflow, dict):
            return self.formatter.format_message(log_entry)
        workflow = dict(workflow)
        if isinstance(workflow.get("title"), str):
            workflow["title"] = WorkflowName(workflow["title"])
        for key in ("task", "next"):
            if isinstance(workflow.get(key), dict) and isinstance(workflow[key].get("title"), str):
                workflow[key] = {**workflow[key], "title": WorkflowName(workflow[key]["title"])}
        shown = copy.copy(log_entry)
        shown.data = {**data, "workflow": workflow}
        return self.formatter.format_message(shown)
