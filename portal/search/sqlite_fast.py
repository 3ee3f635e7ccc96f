"""Bounded relevance ranking for the SQLite FTS5 backend.

modelsearch ranks SQLite results with a correlated sub-query that runs the full-text match
once per matching row, and even FTS5's own bm25 first counts every page that has each word of
the query. Here a search reads only the newest matches the queryset allows (bounded.py:
COUNT_LIMIT + 1, or as many as the results page asks for): one statement walks the FTS5 index
newest first, looks each match's page up by key, stops at the limit and returns the text
scoring.py ranks them by. A model with few entries (volunteer teams) is searched the other way
round, entry by entry, so a word on thousands of pages costs its search nothing. The same read gives the count, exact up to COUNT_LIMIT. What a search
costs follows the number of matches up to that limit, not the size of the site.

A word on more pages than that finds the best of its newest pages: adding a word (a year, a
building) narrows the matches and reaches older pages. Editors' page search and the choosers
(autocomplete) are counted in full, so their pagination reaches every match.
"""

import datetime
import time

from django.conf import settings
from django.db import connections
from django.db.models import DateTimeField, IntegerField
from django.db.models.expressions import RawSQL
from modelsearch.query import MatchAll, Not
from wagtail.models import Page

from . import bounded, scoring
from .internals import content_type_ids, sqlite_fts

# Importable only on SQLite with FTS5 (backend.py imports this module only there).
fts = sqlite_fts()
# A model with fewer index entries than this (volunteer teams, say) is searched entry by entry,
# each checked against the full-text index by key (about 3 µs each here, so at most 0.3 ms);
# walking a word's matches instead would read every page with that word only to find it is not
# a team (7 ms for 社区 at 20,000 pages).
FEW_ENTRIES = 100
# How long a process trusts what it found about a model's number of entries (only the plan
# depends on it, never the results).
FEW_ENTRIES_TTL = 300.0
_few_entries = {}


def few_entries(db, types):
    """Whether these content types have fewer than FEW_ENTRIES index entries (a bounded count,
    remembered for FEW_ENTRIES_TTL seconds)."""
    key = (db, tuple(types))
    known = _few_entries.get(key)
    if known is not None and known[0] > time.monotonic():
        return known[1]
    entries = fts.IndexEntry.objects.using(db).filter(content_type_id__in=types)
    few = entries.values("pk")[:FEW_ENTRIES].count() < FEW_ENTRIES
    _few_entries[key] = (time.monotonic() + FEW_ENTRIES_TTL, few)
    return few


def page_column_sql(name):
    """How the walk selects a PAGE_COLUMNS column of the page `p`: a datetime as the text SQLite
    stores, which page_columns_reader turns into an aware datetime in one step (sqlite3's own
    converter and then Django's take several, for each of the candidates)."""
    field = Page._meta.get_field(name)
    if isinstance(field, DateTimeField):
        return f"CAST(p.{field.column} AS TEXT)"
    return f"p.{field.column}"


def _stored_datetime(zone, django_converters):
    """A converter from the stored text of a datetime (naive, in the connection's time zone) to
    the aware datetime Django's converters give; anything else goes through theirs."""
    # In UTC the offset is parsed with the text: datetime.replace(tzinfo=) parses keyword
    # arguments and costs several times more, for each candidate.
    utc_suffix = "+00:00" if zone is datetime.UTC else None

    def convert(value, column, connection):
        if type(value) is str:
            if utc_suffix is not None:
                try:
                    parsed = datetime.datetime.fromisoformat(value + utc_suffix)
                except ValueError:  # text with its own offset: as below
                    parsed = None
                if parsed is not None and parsed.tzinfo is not None:
                    return parsed
            try:
                parsed = datetime.datetime.fromisoformat(value)
            except ValueError:
                parsed = None
            if parsed is not None and parsed.tzinfo is None:
                return parsed.replace(tzinfo=zone)
        for converter in django_converters:
            value = converter(value, column, connection)
        return value

    return convert


def page_columns_reader(connection):
    """A function from PAGE_COLUMNS values as the walk selects them (page_column_sql) to the
    Python values Django's own queries give (an aware datetime, not its text)."""
    converters = []
    for index, name in enumerate(bounded.PAGE_COLUMNS):
        column = Page._meta.get_field(name).get_col(Page._meta.db_table)
        django_converters = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if isinstance(column.target, DateTimeField) and settings.USE_TZ:
            converters.append((index, _stored_datetime(connection.timezone, django_converters), column))
        else:
            converters += [(index, converter, column) for converter in django_converters]

    def read(values):
        values = list(values)
        for index, converter, column in converters:
            values[index] = converter(values[index], column, connection)
        return tuple(values)

    return read


class BoundedRankingCompilerMixin(bounded.BoundedRankingMixin):
    def can_rank_bounded(self, score_field):
        query = fts.normalize(self.query)
        return (
            self.order_by_relevance
            and score_field is None
            and not isinstance(query, (MatchAll, Not, fts.AndNot))
        )

    def match_string(self, config):
        """The FTS5 MATCH string for this query, e.g. '{title body} : ("电梯")'."""
        query = self.build_search_query(fts.normalize(self.query), config=config)
        expression = fts.MatchExpression(self.fields or self.FTS_TABLE_FIELDS, query)
        compiler = fts.FTSIndexEntry.objects.all().query.get_compiler(using=self.queryset.db)
        _sql, params = expression.as_sql(compiler, connections[self.queryset.db])
        return params[0]

    def matches_sql(self, config, select, page_columns=False):
        """SQL and params for the index entries that match and whose page the queryset allows
        (live, this site, this type, ...: one lookup by key per match), selecting `select`,
        and the column that orders them newest first. The full-text index is walked newest
        first, or, for a model with few entries, each of its entries is checked by key. With
        `page_columns`, each match's page row joins as `p` (looked up last, by key)."""
        table = fts.FTSIndexEntry._meta.db_table
        entries = fts.IndexEntry._meta.db_table
        types = content_type_ids(self.queryset.model) or [0]
        key = "e.object_id"
        if isinstance(self.queryset.model._meta.pk, IntegerField):
            key = f"CAST({key} AS INTEGER)"
        allowed = self.queryset.order_by().filter(pk=RawSQL(key, [])).values("pk")  # noqa: S611 (a column)
        allowed_sql, allowed_params = allowed.query.sql_with_params()
        if few_entries(self.queryset.db, types):
            source, newest = f"{entries} e CROSS JOIN {table} ON {table}.rowid = e.id", "e.id"
        else:
            source, newest = f"{table} JOIN {entries} e ON e.id = {table}.rowid", f"{table}.rowid"
        if page_columns:
            # CROSS JOIN keeps the walk's order: the page is looked up for each match found.
            source += f" CROSS JOIN {Page._meta.db_table} p ON p.id = CAST(e.object_id AS INTEGER)"
        sql = (
            f"SELECT {select} FROM {source} "  # noqa: S608 (names, values are params)
            f"WHERE {table} MATCH %s AND e.content_type_id IN ({', '.join(['%s'] * len(types))}) "
            f"AND EXISTS ({allowed_sql})"
        )
        return sql, [self.match_string(config), *types, *allowed_params], newest

    def newest_matches(self, config, limit):
        """The keys of the newest `limit` allowed matches, best first (scoring.py), whether
        they are all the matches, and for page models their PAGE_COLUMNS by key. FTS5 reads its
        index newest first and stops at `limit`."""
        columns = self.fields or self.FTS_TABLE_FIELDS
        # As bytes: scoring counts words in the UTF-8 as stored, no text decoded per candidate.
        texts = ", ".join(f"CAST(substr(e.{column}, 1, {scoring.MAX_TEXT}) AS BLOB)" for column in columns)
        pages = bounded.reads_page_columns(self.queryset.model)
        select = f"e.object_id, {texts}"
        if pages:
            select += "".join(f", {page_column_sql(name)}" for name in bounded.PAGE_COLUMNS)
        sql, params, newest = self.matches_sql(config, select, page_columns=pages)
        connection = connections[self.queryset.db]
        with connection.cursor() as cursor:
            cursor.execute(f"{sql} ORDER BY {newest} DESC LIMIT %s", (*params, limit))
            rows = cursor.fetchall()
        width = 1 + len(columns)
        to_python = self.queryset.model._meta.pk.to_python
        pks = [to_python(row[0]) for row in rows]  # the index stores keys as text
        texts = [(pk, *row[1:width]) for pk, row in zip(pks, rows, strict=True)]
        keys = scoring.ranked(texts, scoring.query_words(self.query), columns)
        complete = len(rows) < limit
        if not pages:
            return keys, complete, None
        read = page_columns_reader(connection)
        return keys, complete, {pk: read(row[width:]) for pk, row in zip(pks, rows, strict=True)}

    def count_all(self, config):
        """Every allowed match, counted: one look-up per match, never a ranking."""
        sql, params, _newest = self.matches_sql(config, "1")
        with connections[self.queryset.db].cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql})", params)  # noqa: S608 (compiled SQL)
            return cursor.fetchone()[0]
