"""The site's search backend (``WAGTAILSEARCH_BACKENDS``): Wagtail's database backend for the
database in use (PostgreSQL full text, SQLite FTS5, MySQL), with two corrections on SQLite
and one on PostgreSQL.

**Relevance.** Wagtail's SQLite backend ranks every match by ``bm25()`` multiplied by the
length ratio of the document's title, whether or not the words are in the title (a page
with a short title that mentions a word once outranked the guide named after it), and
multiplies the scores of an ``And`` query, which flips the sign of FTS5's negative scores.
Here the rank is FTS5's own ``bm25()`` with column weights: a word in the title weighs
``TITLE_WEIGHT`` times a word in the other fields (smaller is better).

**Cost.** Wagtail's queries join the FTS5 table to the index entries; SQLite's planner then
reads the entries (by content type) first and runs the full-text match once per entry, and
scores every result in a correlated subquery that matches again: a library search took 10 s
at 10,000 items. Here the FTS5 table is always read first and once: matching objects are
those whose index entry's id is in the match's row ids (the entries read by those ids, not
through their content type's index), and a page of ranked results is one query over the
match (each row's object id looked up by primary key, and the object looked up in the
queryset by its primary key: a list of the queryset's objects grew with them), then one
query for the objects themselves.

**PostgreSQL.** Wagtail's backend sorted every match's whole row, with whatever the caller
joins to it (the library's pages), to keep one page: here one query ranks the matches' keys
and a second reads only the page's rows.

Indexing, match-all and negated queries are Wagtail's own.
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
    from django.db.models import (
        Exists,
        ExpressionWrapper,
        F,
        FloatField,
        Func,
        IntegerField,
        OuterRef,
        Subquery,
    )
    from django.db.models.functions import Cast
    from django.db.models.sql.where import WhereNode
    from modelsearch.query import MatchAll, Not
    from modelsearch.utils import get_descendants_content_types_pks
    from wagtail.search.backends.database.sqlite.query import MatchExpression, normalize
    from wagtail.search.backends.database.sqlite.sqlite import (
        IndexEntry,
        SQLiteFTSIndexEntry,
        SQLiteSearchBackend,
        SQLiteSearchQueryCompiler,
        SQLiteSearchResults,
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

        def _match(self, config):
            """The FTS5 match of the query; None for match-all and negated queries."""
            query = normalize(self.query)
            if isinstance(query, MatchAll | Not):
                return None
            search_query = self.build_search_query(query, config=config)
            return MatchExpression(self.fields or self.FTS_TABLE_FIELDS, search_query)

        def _content_types(self):
            return get_descendants_content_types_pks(self.queryset.model)

        def matching(self, config):
            """The queryset's objects whose index entry matches (unordered), or None."""
            match = self._match(config)
            if match is None:
                return None
            rows = SQLiteFTSIndexEntry.objects.filter(match).values("index_entry_id")
            # The content type as an expression (+ 0), not the column: SQLite otherwise read
            # every entry of the type through its index and looked each up in the match (a
            # cost that grew with the indexed objects); this way it looks up the match's rows.
            entries = (
                IndexEntry.objects.filter(pk__in=rows)
                .alias(_type=ExpressionWrapper(F("content_type_id") + 0, output_field=IntegerField()))
                .filter(_type__in=self._content_types())
            )
            return self.queryset.filter(pk__in=entries.values("object_id"))

        def search(self, config, start, stop, score_field=None):
            matching = self.matching(config)
            if matching is None:
                return super().search(config, start, stop, score_field=score_field)
            if not self.order_by_relevance:
                if not matching.query.order_by:
                    matching = matching.order_by("-pk")  # stable pages (https://github.com/wagtail/wagtail/issues/3729)
                return matching[start:stop]
            # One query over the match, best first: each row's object id by primary key, kept
            # when the object is in the queryset (its filters, looked up by the object's primary
            # key: a list of the queryset's objects grew with them), then one query for the
            # objects.
            pk_field = self.queryset.model._meta.pk
            object_id = IndexEntry.objects.filter(
                pk=OuterRef("index_entry_id"), content_type_id__in=self._content_types()
            ).values("object_id")[:1]
            in_queryset = Exists(self.queryset.order_by().filter(pk=Cast(OuterRef("_object_id"), pk_field)))
            ranked = list(
                SQLiteFTSIndexEntry.objects.filter(self._match(config))
                .annotate(_object_id=Subquery(object_id), _score=WeightedBM25())
                .filter(in_queryset)
                .order_by("_score", "-index_entry_id")
                .values_list("_object_id", "_score")[start:stop]
            )
            # The ranked objects passed the queryset's filters in the query above: read by key
            # alone (the filters again, a list of objects the library's filters admit was
            # built once more for twenty keys). Its joins, annotations and columns are kept.
            objects = self.queryset.all()
            objects.query.where = WhereNode()
            found = {str(obj.pk): obj for obj in objects.filter(pk__in=[pk_field.to_python(o) for o, _s in ranked])}
            results = []
            for object_id, score in ranked:
                obj = found.get(object_id)
                if obj is not None:
                    if score_field is not None:
                        setattr(obj, score_field, score)
                    results.append(obj)
            return results

    class WeightedSQLiteSearchResults(SQLiteSearchResults):
        def _do_count(self):
            compiler = self.query_compiler
            if not hasattr(compiler, "matching"):
                return super()._do_count()  # an autocomplete search (the admin's page search)
            matching = compiler.matching(compiler.get_config(self.backend))
            return matching.count() if matching is not None else super()._do_count()

        def facet(self, field_name):
            # Wagtail's facet counts read the search as a queryset: the unranked one.
            compiler = self.query_compiler
            relevance, compiler.order_by_relevance = compiler.order_by_relevance, False
            try:
                return super().facet(field_name)
            finally:
                compiler.order_by_relevance = relevance

    class WeightedSQLiteSearchBackend(SQLiteSearchBackend):
        query_compiler_class = WeightedSQLiteSearchQueryCompiler
        results_class = WeightedSQLiteSearchResults

    return SQLiteSearchBackend, WeightedSQLiteSearchBackend


@cache
def _narrow_postgres_backend():
    # Imported only on PostgreSQL.
    from modelsearch.backends.database.postgres.postgres import PostgresSearchBackend, PostgresSearchQueryCompiler

    class NarrowRankingQueryCompiler(PostgresSearchQueryCompiler):
        def _apply_ordering_and_scoring(self, queryset, rank_expression, start, stop, score_field=None):
            """A page of ranked results: the matches' keys ranked first (one query), then
            only that page's rows read with what the queryset joins to them. Wagtail sorted
            every match's whole row (with the pages a caller selects with it) to keep a page
            of them: the cost of a search grew with its matches' width, not only their number.
            The keys are read apart: as a subquery, the planner (which cannot estimate a
            full-text match) still joined every match before keeping the page's."""
            if not self.order_by_relevance or stop is None:
                return super()._apply_ordering_and_scoring(queryset, rank_expression, start, stop, score_field)
            keys = list(queryset.order_by(rank_expression.desc(), "-pk").values_list("pk", flat=True)[start:stop])
            page = queryset.filter(pk__in=keys)
            return super()._apply_ordering_and_scoring(page, rank_expression, 0, None, score_field)

    class NarrowRankingSearchBackend(PostgresSearchBackend):
        query_compiler_class = NarrowRankingQueryCompiler

    return PostgresSearchBackend, NarrowRankingSearchBackend


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend module)
    backend = database.SearchBackend(params)
    if connection.vendor == "sqlite":
        sqlite_backend, weighted = _weighted_sqlite_backend()
        if isinstance(backend, sqlite_backend):  # FTS5 is available (else Wagtail's fallback)
            return weighted(params)
    if connection.vendor == "postgresql":
        postgres_backend, narrow = _narrow_postgres_backend()
        if type(backend) is postgres_backend:
            return narrow(params)
    return backend
