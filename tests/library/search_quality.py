"""The labelled query set run against the demo library (shared by the SQLite and PostgreSQL tests)."""

from django.core.management import call_command

from sitecontent.library.quality import evaluate, load_queries
from translations.core.languages import LANGUAGE_CODES


def check_query_set() -> None:
    call_command("load_demo_content", verbosity=0)
    queries = load_queries()
    # At least ten queries in every language the site offers, with a held-out part.
    for code in LANGUAGE_CODES:
        mine = [q for q in queries if q["language"] == code]
        assert len(mine) >= 10 and any(q["held_out"] for q in mine), code
    scores = evaluate(queries)
    for (language, held_out), score in scores.items():
        # Tuning part: every language at 0.9 or better. Held-out part: the goal is
        # 0.9 in every language; benchmarks/library_search.py prints where it stands.
        floor = 0.8 if held_out else 0.9
        assert score.success >= floor, (language, held_out, score.success, score.misses)
    held = [s for (_language, h), s in scores.items() if h]
    assert sum(s.found for s in held) / sum(s.queries for s in held) >= 0.9
