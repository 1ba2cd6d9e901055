"""Measure the library search against a labelled query set (success@3 and MRR per language).

The query set (``tests/fixtures/search/queries.json``) names, for each query, the page slugs
that count as a right answer; a query succeeds when one of them is among the first three
results of the global library searched in the query's language, as a teacher would.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.utils import translation

TOP = 3


@dataclass
class Score:
    queries: int = 0
    found: int = 0
    reciprocal: float = 0.0
    misses: list[str] = field(default_factory=list)

    @property
    def success(self) -> float:
        return self.found / self.queries if self.queries else 0.0

    @property
    def mrr(self) -> float:
        return self.reciprocal / self.queries if self.queries else 0.0


def load_queries(path: Path | None = None) -> list[dict]:
    path = path or Path(settings.BASE_DIR) / "tests" / "fixtures" / "search" / "queries.json"
    return json.loads(path.read_text(encoding="utf-8"))["queries"]


def ranked_slugs(q: str, language: str, depth: int = 20) -> list[str]:
    from sitecontent.library.search import LibraryQuery

    with translation.override(language):
        query = LibraryQuery(q=q, language=language)
        query.per_page = depth
        return [result.page.slug for result in query.run().results]


def evaluate(queries: list[dict]) -> dict[tuple[str, bool], Score]:
    """{(language, held_out): Score} for the given queries."""
    scores: dict[tuple[str, bool], Score] = {}
    for entry in queries:
        score = scores.setdefault((entry["language"], entry["held_out"]), Score())
        ranked = ranked_slugs(entry["q"], entry["language"])
        expected = set(entry["expect"])
        rank = next((n for n, slug in enumerate(ranked, start=1) if slug in expected), None)
        score.queries += 1
        if rank is not None:
            score.reciprocal += 1 / rank
        if rank is not None and rank <= TOP:
            score.found += 1
        else:
            score.misses.append(f"{entry['q']} → {ranked[:TOP]}")
    return scores
