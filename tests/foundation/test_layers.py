"""Imports go one way (docs/architecture.md, "Layers and gates"): what the import contracts
cannot see, because a route and a queued task reach their code by name."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction

from outbox import enqueue
from outbox.core import registered_task
from sitecontent import page_views

SOURCE_PACKAGES = ("sid", "outbox", "translations", "sitecontent", "themes", "campaign", "syndication")


def source_files():
    base = Path(settings.BASE_DIR)
    for package in SOURCE_PACKAGES:
        for path in (base / package).rglob("*.py"):
            if "migrations" not in path.parts:
                yield path


def names_in_code(pattern: str) -> set[str]:
    found = set()
    for path in source_files():
        found.update(re.findall(pattern, path.read_text()))
    return found


def test_every_page_view_a_route_calls_is_registered():
    called = names_in_code(r'page_views\.call\(\s*"([^"]+)"')
    assert len(called) >= 11  # the calendar's, the event's and the stories index's routes
    assert called <= set(page_views.registered()), called - set(page_views.registered())


def test_an_unknown_page_view_is_a_clear_error():
    with pytest.raises(LookupError, match="events.nothing"):
        page_views.call("events.nothing", None, None)


def test_every_task_queued_by_name_is_registered():
    queued = names_in_code(r'"((?:campaign\.\w+|sitecontent|translations)\.tasks\.\w+)"')
    assert {"campaign.packs.tasks.build_pack", "campaign.stories.tasks.process_submission"} <= queued
    for name in queued:
        assert registered_task(name).name == name


@pytest.mark.django_db
def test_queueing_an_unknown_task_name_fails_at_once():
    with transaction.atomic(), pytest.raises(LookupError, match="campaign.packs.tasks.no_such_task"):
        enqueue("campaign.packs.tasks.no_such_task", 1)


def _contract(**options):
    from tests.import_contracts import AcyclicModulesContract

    return AcyclicModulesContract(
        "no cycles", session_options={}, contract_options={"containers": ["core", "apps"], **options}
    )


def _graph(*imports):
    import grimp

    graph = grimp.ImportGraph()
    for importer, imported in imports:
        graph.add_import(importer=importer, imported=imported, line_number=1, line_contents="import")
    return graph


def test_a_cycle_across_top_level_packages_breaks_the_module_contract():
    # A language core importing an app whose models import it (what acyclic_siblings missed).
    graph = _graph(
        ("apps.models", "apps.models.base"),
        ("apps.models.base", "core.source"),
        ("core.source", "apps.models"),
        ("apps.views", "apps.models"),  # outside the ring
    )
    check = _contract().check(graph, verbose=False)
    assert not check.kept
    (ring,) = check.metadata["rings"]
    assert [(importer, imported) for importer, imported, _lines in ring] == [
        ("apps.models", "apps.models.base"),
        ("apps.models.base", "core.source"),
        ("core.source", "apps.models"),
    ]
    # Broken at one import, the graph is acyclic; an import can be listed as an exception.
    assert _contract(ignore_imports=["core.source -> apps.models"]).check(graph, verbose=False).kept
    graph.remove_import(importer="core.source", imported="apps.models")
    assert _contract().check(graph, verbose=False).kept
