"""Bounded relevance ranking for the PostgreSQL backend.

modelsearch ranks PostgreSQL results with ts_rank over every match, so a common word over
20,000 pages ranks 20,000 rows (p95 734 ms). Here, as on SQLite, only a bounded candidate set is
ranked: matches whose title has the words first, then the newest, at most CANDIDATE_LIMIT of
them; and counting stops past COUNT_LIMIT.
"""

from modelsearch.query import Fuzzy, MatchAll, Not

# ts_rank runs on at most this many matches; a word on more pages than that ranks the pages
# with it in the title, then the newest.
CANDIDATE_LIMIT = 500
# Counting every match of a very common word costs as much as the search: past this many,
# results say "more than COUNT_LIMIT".
COUNT_LIMIT = 1000


class BoundedRankingCompilerMixin:
    def can_rank_bounded(self, score_field):
        return (
            self.order_by_relevance
            and score_field is None
            and self.fields is None
            and not isinstance(self.query, (MatchAll, Not, Fuzzy))
        )

    def matches(self, config):
        """The queryset's pages that match, as modelsearch finds them (title || body @@ query)."""
        search_query = self.build_tsquery(self.query, config=config)
        vectors = self.get_search_vectors(search_query)
        combined = vectors[0][0]
        for vector, _boost in vectors[1:]:
            combined = combined._combine(vector, "||", False)
        return self.queryset.annotate(_vector_=combined).filter(_vector_=search_query), search_query, vectors

    def candidates(self, matches, search_query, limit):
        """At most `limit` matching pks: those with the words in the title, newest first, then
        the other matches, newest first. Both queries can stop after `limit` rows instead of
        testing every match (a word on most pages matches thousands)."""
        in_title = self.queryset.filter(index_entries__title=search_query).order_by("-pk")
        pks = list(in_title.values_list("pk", flat=True)[:limit])
        if len(pks) < limit:
            others = matches.exclude(pk__in=pks).order_by("-pk").values_list("pk", flat=True)
            pks += list(others[: limit - len(pks)])
        return pks

    def search(self, config, start, stop, score_field=None, backend=None):
        if not self.can_rank_bounded(score_field):
            return super().search(config, start, stop, score_field=score_field, backend=backend)
        matches, search_query, vectors = self.matches(config)
        # A later results page needs at least `stop` candidates.
        pks = self.candidates(matches, search_query, max(CANDIDATE_LIMIT, stop or 0))
        rank = self._build_rank_expression(vectors, config)
        return self.queryset.filter(pk__in=pks).order_by(rank.desc(), "-pk")[start:stop]

    def fast_count(self, config, score_field):
        """The count for CompilerCountsMixin, up to COUNT_LIMIT + 1; None where not bounded."""
        if not self.can_rank_bounded(score_field):
            return None
        matches, _query, _vectors = self.matches(config)
        return matches.order_by().values("pk")[: COUNT_LIMIT + 1].count()
