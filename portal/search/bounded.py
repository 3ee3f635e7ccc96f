"""What the bounded ranking of both database backends shares (sqlite_fast.py, postgres_fast.py).

A search ranks only the newest matches the queryset allows, COUNT_LIMIT + 1 of them or as many
as the results page asks for, so its cost follows that limit and not the size of the site.
"""

from django.db import connections
from django.db.models.expressions import RawSQL

# Past this many results, residents read "more than COUNT_LIMIT" (and the best COUNT_LIMIT).
COUNT_LIMIT = 50


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
