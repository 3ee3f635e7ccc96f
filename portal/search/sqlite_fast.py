"""Faster relevance ranking for the SQLite FTS5 backend.

modelsearch ranks SQLite results with a correlated sub-query that runs the full-text match
once per matching row, so a common word over 20,000 pages takes seconds. Here one statement
matches, filters by the queryset (live, site, type, ...), ranks by bm25 and pages with
LIMIT/OFFSET, all inside SQLite; a second one counts.
"""

from django.db import connections
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.expressions import RawSQL
from modelsearch.backends.database.sqlite.query import MatchExpression, normalize
from modelsearch.backends.database.sqlite.sqlite import SQLiteFTSIndexEntry
from modelsearch.query import MatchAll, Not
from modelsearch.utils import get_descendants_content_types_pks

# bm25 column weights, in the FTS table's column order: autocomplete, body, title.
BM25_WEIGHTS = "0.0, 1.0, 2.0"


class FastRankingCompilerMixin:
    def can_rank_fast(self, score_field):
        query = normalize(self.query)
        return (
            self.order_by_relevance
            and score_field is None
            and not isinstance(query, (MatchAll, Not))
            and type(query).__name__ != "AndNot"
        )

    def matches_sql(self, config):
        """SQL and params for (score, object_id) of the matches the queryset allows."""
        if getattr(self, "_matches_sql", None) is None:
            self._matches_sql = self.build_matches_sql(config)
        return self._matches_sql

    def build_matches_sql(self, config):
        query = self.build_search_query(normalize(self.query), config=config)
        entries = (
            SQLiteFTSIndexEntry.objects.filter(
                MatchExpression(self.fields or self.FTS_TABLE_FIELDS, query),
                index_entry__content_type__in=get_descendants_content_types_pks(self.queryset.model),
            )
            .annotate(oid=F("index_entry__object_id"))
            .values_list("oid")
        )
        entries_sql, entries_params = entries.query.sql_with_params()
        table = SQLiteFTSIndexEntry._meta.db_table
        entries_sql = entries_sql.replace("SELECT ", f"SELECT bm25({table}, {BM25_WEIGHTS}) AS score, ", 1)
        # A correlated EXISTS looks each match's page up by key: the cost follows the number
        # of matches, not the number of pages the queryset allows.
        match_key = (
            "CAST(m.oid AS INTEGER)" if isinstance(self.queryset.model._meta.pk, IntegerField) else "m.oid"
        )
        allowed = self.queryset.order_by().filter(pk=RawSQL(match_key, [])).values("pk")  # noqa: S611 (a constant)
        allowed_sql, allowed_params = allowed.query.sql_with_params()
        sql = f"SELECT m.score, m.oid FROM ({entries_sql}) m WHERE EXISTS ({allowed_sql})"  # noqa: S608 (compiled SQL, values are params)
        return sql, (*entries_params, *allowed_params)

    def search(self, config, start, stop, score_field=None):
        if stop is None or not self.can_rank_fast(score_field):
            return super().search(config, start, stop, score_field=score_field)
        sql, params = self.matches_sql(config)
        limit = -1 if stop is None else stop - (start or 0)
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(f"{sql} ORDER BY m.score LIMIT %s OFFSET %s", (*params, limit, start or 0))
            to_python = self.queryset.model._meta.pk.to_python
            pks = [to_python(object_id) for _score, object_id in cursor.fetchall()]
        # A queryset (callers such as the admin chain .values() on it) in rank order.
        ranking = Case(
            *[When(pk=pk, then=Value(rank)) for rank, pk in enumerate(pks)], default=Value(len(pks))
        )
        return self.queryset.filter(pk__in=pks).order_by(ranking)

    def count_matches(self, config):
        sql, params = self.matches_sql(config)
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql})", params)  # noqa: S608
            return cursor.fetchone()[0]


class FastRankingResultsMixin:
    def _do_search(self):
        return list(self.get_queryset())

    def _do_count(self):
        compiler = self.query_compiler
        if getattr(compiler, "can_rank_fast", None) and compiler.can_rank_fast(self._score_field):
            return compiler.count_matches(compiler.get_config(self.backend))
        return super()._do_count()
