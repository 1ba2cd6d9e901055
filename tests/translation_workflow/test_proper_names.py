"""The translation report ignores proper names: a resource whose title and summary are
translated is translated, whatever its source organisation's name ("Insafe") says.

Also: statuses stored while the name still counted are re-counted by ``migrate``.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command

from sitecontent.models import ResourceIndexPage, ResourcePage
from tests.factories import translated
from translations.models import CoverageStatus
from translations.workflow.coverage import COMPLETE, PARTIAL, object_coverage, region_report
from translations.workflow.coverage_store import recount_proper_names

pytestmark = pytest.mark.django_db


def spanish_resource(region):
    library = ResourceIndexPage(title_es="Biblioteca", slug_es="biblioteca")
    region.add_child(instance=library)
    library.save_revision().publish()
    resource = ResourcePage(
        title_es="Guía contra el ciberacoso", slug_es="guia", summary_es="Para familias.", source_es="Insafe"
    )
    library.add_child(instance=resource)
    resource.save_revision().publish()
    resource.refresh_from_db()
    return resource


def test_an_untranslated_organisation_name_is_not_missing(site_tree):
    latam = site_tree.regions["latam"]
    resource = spanish_resource(latam)
    translated(resource, {"pt": {"title": "Guia contra o cyberbullying", "summary": "Para famílias."}})
    coverage = object_coverage(resource, "pt")
    assert coverage.status == COMPLETE
    assert "source" not in {f.name for f in coverage.fields}
    rows = {row.pk: row for row in region_report(latam, "pt").rows}
    assert rows[resource.pk].status == COMPLETE


def test_statuses_stored_under_the_old_rule_are_recounted(site_tree):
    latam = site_tree.regions["latam"]
    resource = spanish_resource(latam)
    translated(resource, {"pt": {"title": "Guia contra o cyberbullying", "summary": "Para famílias."}})
    row = CoverageStatus.objects.get(object_id=resource.pk, language="pt")
    # As stored before proper names stopped counting: the source name untranslated.
    row.status = PARTIAL
    row.fields = [*row.fields, ["source", 0, 1, False]]
    row.save()
    assert recount_proper_names() >= 1
    row.refresh_from_db()
    assert row.status == COMPLETE and "source" not in [entry[0] for entry in row.fields]
    assert recount_proper_names() == 0  # nothing left to re-count

    # migrate does it on its own.
    row.status = PARTIAL
    row.fields = [*row.fields, ["source", 0, 1, False]]
    row.save()
    call_command("migrate", verbosity=0, interactive=False)
    row.refresh_from_db()
    assert row.status == COMPLETE
