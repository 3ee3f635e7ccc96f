"""Faster relevance ranking for the SQLite FTS5 backend.

modelsearch ranks SQLite results with a correlated sub-query that runs the full-text match
once per matching row, so a common word over 20,000 pages takes seconds. Here FTS5 ranks its
own matches by bm25, only the top candidates are checked against the queryset (live, site,
type, ...), and counting stops past COUNT_LIMIT.
"""

from django.db import connections
from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.expressions import RawSQL
from modelsearch.query import MatchAll, Not

from .internals import content_type_ids, sqlite_fts

# Importable only on SQLite with FTS5 (backend.py imports this module only there).
fts = sqlite_fts()

# bm25 column weights, in the FTS table's column order: autocomplete, body, title.
BM25_WEIGHTS = "0.0, 1.0, 2.0"
# Counting every match of a very common word costs as much as the search: past this many,
# results say "more than COUNT_LIMIT".
COUNT_LIMIT = 1000


class FastRankingCompilerMixin:
    def can_rank_fast(self, score_field):
        query = fts.normalize(self.query)
        return (
            self.order_by_relevance
            and score_field is None
            and not isinstance(query, (MatchAll, Not, fts.AndNot))
        )

    def match_expression(self, config):
        """The FTS5 MATCH lookup for this query, e.g. '{title body} : ("电梯")'."""
        query = self.build_search_query(fts.normalize(self.query), config=config)
        return fts.MatchExpression(self.fields or self.FTS_TABLE_FIELDS, query)

    def match_string(self, config):
        compiler = fts.FTSIndexEntry.objects.all().query.get_compiler(using=self.queryset.db)
        _sql, params = self.match_expression(config).as_sql(compiler, connections[self.queryset.db])
        return params[0]

    def ranked_pks(self, config, wanted):
        """The first `wanted` allowed matches, best first. FTS5 ranks its own matches (fast,
        in C); only that many candidates are then checked against the queryset, with more
        fetched while too few pass."""
        db = self.queryset.db
        match = self.match_string(config)
        content_types = content_type_ids(self.queryset.model)
        to_python = self.queryset.model._meta.pk.to_python
        table = fts.FTSIndexEntry._meta.db_table
        limit = max(wanted * 2, 50)
        while True:
            with connections[db].cursor() as cursor:
                cursor.execute(
                    f"SELECT rowid FROM {table} WHERE {table} MATCH %s AND rank MATCH %s "  # noqa: S608 (table name)
                    "ORDER BY rank LIMIT %s",
                    (match, f"bm25({BM25_WEIGHTS})", limit),
                )
                rowids = [row[0] for row in cursor.fetchall()]
            entries = dict(
                fts.IndexEntry.objects.using(db)
                .filter(pk__in=rowids, content_type_id__in=content_types)
                .values_list("pk", "object_id")
            )
            keys = [to_python(entries[r]) for r in rowids if r in entries]
            allowed = set(self.queryset.order_by().filter(pk__in=keys).values_list("pk", flat=True))
            ranked = [k for k in keys if k in allowed]
            if len(ranked) >= wanted or len(rowids) < limit:
                return ranked[:wanted]
            limit *= 4

    def search(self, config, start, stop, score_field=None):
        if stop is None or not self.can_rank_fast(score_field):
            return super().search(config, start, stop, score_field=score_field)
        pks = self.ranked_pks(config, stop)[start or 0 :]
        # A queryset (callers such as the admin chain .values() on it) in rank order.
        ranking = Case(
            *[When(pk=pk, then=Value(rank)) for rank, pk in enumerate(pks)], default=Value(len(pks))
        )
        return self.queryset.filter(pk__in=pks).order_by(ranking)

    def fast_count(self, config, score_field):
        """The count for CompilerCountsMixin: None where this compiler does not rank."""
        return self.count_matches(config) if self.can_rank_fast(score_field) else None

    def count_matches(self, config):
        """The number of allowed matches, counted up to COUNT_LIMIT + 1."""
        matches = (
            fts.FTSIndexEntry.objects.filter(
                self.match_expression(config),
                index_entry__content_type__in=content_type_ids(self.queryset.model),
            )
            .annotate(oid=F("index_entry__object_id"))
            .values_list("oid")
        )
        matches_sql, matches_params = matches.query.sql_with_params()
        # A correlated EXISTS looks each match's page up by key: the cost follows the number
        # of matches counted, not the number of pages the queryset allows.
        match_key = (
            "CAST(m.oid AS INTEGER)" if isinstance(self.queryset.model._meta.pk, IntegerField) else "m.oid"
        )
        allowed = self.queryset.order_by().filter(pk=RawSQL(match_key, [])).values("pk")  # noqa: S611 (a constant)
        allowed_sql, allowed_params = allowed.query.sql_with_params()
        sql = (
            f"SELECT COUNT(*) FROM (SELECT 1 FROM ({matches_sql}) m "  # noqa: S608 (compiled SQL, values are params)
            f"WHERE EXISTS ({allowed_sql}) LIMIT %s)"
        )
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(sql, (*matches_params, *allowed_params, COUNT_LIMIT + 1))
            return cursor.fetchone()[0]
