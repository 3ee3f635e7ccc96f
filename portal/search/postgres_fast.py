"""Bounded relevance ranking for the PostgreSQL backend.

modelsearch ranks PostgreSQL results with ts_rank over every match, so a common word over
20,000 pages ranks 20,000 rows (p95 734 ms). Here, as on SQLite, a search ranks only the newest
matches the queryset allows (bounded.py: COUNT_LIMIT + 1, or as many as the results page asks
for), in one query, and the same read gives the count, exact up to COUNT_LIMIT.
"""

from django.db.models import Subquery
from modelsearch.query import Fuzzy, MatchAll, Not

from . import bounded


class BoundedRankingCompilerMixin(bounded.BoundedRankingMixin):
    def can_rank_bounded(self, score_field):
        return (
            self.order_by_relevance
            and score_field is None
            and self.fields is None
            and not isinstance(self.query, (MatchAll, Not, Fuzzy))
        )

    def matches(self, config):
        """The queryset's pages that match, as modelsearch finds them (title || body @@ query),
        and the rank expression."""
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.get_search_vectors(search_query)
        combined = vectors[0][0]
        for vector, _boost in vectors[1:]:
            combined = combined._combine(vector, "||", False)
        matches = self.queryset.annotate(_vector_=combined).filter(_vector_=search_query)
        return matches, self._build_rank_expression(vectors, config)

    def newest_matches(self, config, limit):
        """The keys of the newest `limit` matches, best first by ts_rank (ranked in an outer
        query, so only those are ranked), whether they are all the matches, and for page
        models their PAGE_COLUMNS by key."""
        matches, rank = self.matches(config)
        newest = matches.order_by("-pk").values("pk")[:limit]
        pages = bounded.reads_page_columns(self.queryset.model)
        columns = bounded.PAGE_COLUMNS if pages else ()
        rows = self.queryset.filter(pk__in=Subquery(newest)).annotate(_rank_=rank)
        rows = rows.values_list("pk", "_rank_", *columns)
        # Newest first, then sorted() keeps that order among equal ranks.
        rows = sorted(rows.order_by("-pk"), key=lambda row: -row[1])
        keys = [row[0] for row in rows]
        page_values = {row[0]: tuple(row[2:]) for row in rows} if pages else None
        return keys, len(rows) < limit, page_values

    def count_all(self, config):
        matches, _rank = self.matches(config)
        return matches.order_by().values("pk").count()
