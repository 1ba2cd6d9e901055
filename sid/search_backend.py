"""The site's search backend (``WAGTAILSEARCH_BACKENDS``): Wagtail's database backend for the
database in use (PostgreSQL full text, SQLite FTS5, MySQL), with relevance on SQLite computed
the way PostgreSQL computes it: by field weight.

Wagtail's SQLite backend ranks every match by ``bm25()`` multiplied by the length ratio of
the document's title, whether or not the words are in the title (a page with a short title
that mentions a word once outranked the guide named after it), and multiplies the scores of
an ``And`` query, which flips the sign of FTS5's negative scores. Here the rank is FTS5's own
``bm25()`` with column weights: a word in the title weighs ``TITLE_WEIGHT`` times a word in
the other fields (smaller is better, so results stay in ascending order). Everything else,
indexing included, is Wagtail's.
"""

from __future__ import annotations

from functools import cache

from django.db import connection
from wagtail.search.backends import database

#: How much more a word in the title counts than a word elsewhere (SQLite).
TITLE_WEIGHT = 4.0


@cache
def _weighted_sqlite_backend():
    # Imported only on SQLite: the FTS5 table's model exists only there.
    from django.db.models import FloatField, Func
    from wagtail.search.backends.database.sqlite.sqlite import (
        SQLiteFTSIndexEntry,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
    )

    class WeightedBM25(Func):
        """``bm25()`` of the FTS5 table with a weight per column (autocomplete, body, title)."""

        output_field = FloatField()

        def as_sql(self, compiler, connection, **extra):
            return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, 0.0, 1.0, {TITLE_WEIGHT:.1f})", []

    class WeightedSQLiteSearchQueryCompiler(SQLiteSearchQueryCompiler):
        def _build_rank_expression(self, vectors, config):
            # One bm25() per matching row, whatever the shape of the query (And, Or, words).
            return WeightedBM25()

    class WeightedSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = WeightedSQLiteSearchQueryCompiler

    return SQLiteSearchBackend, WeightedSQLiteSearchBackend


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    backend = database.SearchBackend(params)
    if connection.vendor == "sqlite":
        sqlite_backend, weighted = _weighted_sqlite_backend()
        if isinstance(backend, sqlite_backend):  # FTS5 is available (else Wagtail's fallback)
            return weighted(params)
    return backend
