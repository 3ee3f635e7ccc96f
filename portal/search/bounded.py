"""What the bounded ranking of both database backends shares (sqlite_fast.py, postgres_fast.py).

A search ranks only the newest matches the queryset allows, COUNT_LIMIT + 1 of them or as many
as the results page asks for, so its cost follows that limit and not the size of the site.
"""

from django.db import connections
from django.db.models.expressions import RawSQL
from wagtail.models import Page

# Past this many results, residents read "more than COUNT_LIMIT" (and the best COUNT_LIMIT).
COUNT_LIMIT = 50
# What the search page lists of each candidate page, read by the same statement that finds the
# matches (the page row is looked up there anyway), so listing them costs no query of its own. The
# live revision tells whether what the search page keeps of a shown result still holds (rows.py).
PAGE_COLUMNS = ("title", "content_type_id", "first_published_at", "live_revision_id")


def reads_page_columns(model):
    """Whether a search of `model` reads PAGE_COLUMNS with its matches: page models only."""
    return issubclass(model, Page)


def needed(wanted):
    """How many matches to rank for a results page ending at `wanted`."""
    return max(wanted or 0, COUNT_LIMIT + 1)


def in_order(queryset, pks):
    """`queryset`'s rows with these keys, in this order, still a queryset (callers such as the
    admin chain .values() on it). One raw CASE compiles in a fraction of the time of one When()
    per row."""
    if not pks:
        return queryset.none()
    meta = queryset.model._meta
    quote = connections[queryset.db].ops.quote_name
    column = f"{quote(meta.db_table)}.{quote(meta.pk.column)}"
    whens = " ".join(f"WHEN %s THEN {rank}" for rank in range(len(pks)))
    ranking = RawSQL(f"CASE {column} {whens} ELSE {len(pks)} END", pks)  # noqa: S611 (values are params)
    return queryset.filter(pk__in=pks).order_by(ranking)


class BoundedRankingMixin:
    """A query compiler that ranks only the newest matches. The backend's mixin supplies
    `can_rank_bounded(score_field)`, `newest_matches(config, limit)` -> (keys best first,
    whether they are all, and for page models {key: PAGE_COLUMNS values} else None) and
    `count_all(config)`."""

    def candidates(self, config, wanted):
        """The newest matches, ranked: as many as needed(wanted) where there are that many,
        whether they are all, and their PAGE_COLUMNS (newest_matches). Kept on the compiler, which a search's results and its count
        share, so a results page and its count read the index once."""
        need = needed(wanted)
        kept = getattr(self, "_candidates", None)
        if kept is None or not (kept[1] or len(kept[0]) >= need):
            kept = self._candidates = self.newest_matches(config, need)
        return kept

    def search(self, config, start, stop, score_field=None, **kwargs):
        if stop is None or not self.can_rank_bounded(score_field):
            return super().search(config, start, stop, score_field=score_field, **kwargs)
        ranked, _complete, _columns = self.candidates(config, stop)
        return in_order(self.queryset, ranked[start or 0 : stop])

    def page_rows(self, config, limit, score_field=None):
        """The best `limit` matches as dicts of "pk" and PAGE_COLUMNS, from the read that found
        them; None where this compiler does not rank or the model is not a page model."""
        if not self.can_rank_bounded(score_field):
            return None
        ranked, _complete, columns = self.candidates(config, limit)
        if columns is None:
            return None
        return [{"pk": pk, **dict(zip(PAGE_COLUMNS, columns[pk], strict=True))} for pk in ranked[:limit]]

    def fast_count(self, config, score_field):
        """The count for CompilerCountsMixin: exact up to COUNT_LIMIT, past it more than
        COUNT_LIMIT; None where this compiler does not rank."""
        if not self.can_rank_bounded(score_field):
            return None
        ranked, _complete, _columns = self.candidates(config, 0)
        return len(ranked)


class FullCountMixin:
    """Counts every match: for editors' page search and the choosers (autocomplete), whose
    pagination must reach every page."""

    def fast_count(self, config, score_field):
        return self.count_all(config) if self.can_rank_bounded(score_field) else None
