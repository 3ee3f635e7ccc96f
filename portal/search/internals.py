"""The one module that checks modelsearch's private parts; backend.py, sqlite_fast.py and
postgres_fast.py rely on what it lists.

What the search relies on that modelsearch does not document:
- a backend class names its parts in `index_class`, `query_compiler_class`,
  `autocomplete_query_compiler_class` and `results_class`, and they can be subclassed;
- `index.add_items(model, objs)`, and the query compiler's `queryset`, `query`, `fields`,
  `order_by_relevance` and `get_config(backend)`;
- results count themselves in the private `_do_count`, and the database backends' results
  give the queryset of their slice, in rank order, from `get_queryset()` (ranked_queryset);
- the SQLite FTS5 backend's private modules (`MatchExpression`, `normalize`, `AndNot`), its
  index models and its compiler's `build_search_query`, `FTS_TABLE_FIELDS` and
  `search(config, start, stop, score_field)`;
- the PostgreSQL compiler's `build_tsquery`, `get_search_vectors`, `_build_rank_expression`
  and `search(config, start, stop, score_field, backend)`, and the `index_entries` relation
  whose `title` vector it matches (postgres_fast.py).

`problems()` checks all of it against the installed packages and the versions in
TESTED_WITH; tests/portal/search/test_internals.py fails on any difference, so an upgrade
fails that one test with a list of what to re-check, instead of breaking the site search.
"""

import inspect
import sys
from functools import cache
from importlib import import_module
from importlib.metadata import version
from types import SimpleNamespace

from modelsearch.backends import database
from modelsearch.backends.base import BaseSearchQueryCompiler, BaseSearchResults
from modelsearch.query import MATCH_ALL
from modelsearch.utils import get_descendants_content_types_pks

TESTED_WITH = {"modelsearch": "1.3.2", "wagtail": "8.0.1"}
SQLITE_MODULE = "modelsearch.backends.database.sqlite.sqlite"
SQLITE_QUERY_MODULE = "modelsearch.backends.database.sqlite.query"
POSTGRES_MODULE = "modelsearch.backends.database.postgres.postgres"


def database_backend_class(params):
    """The class of the database backend modelsearch picks for this connection."""
    return type(database.SearchBackend(params))


def extend_backend(base, prefix, mixins):
    """A subclass of backend class `base` whose parts are subclassed with mixins, e.g.
    {"index_class": [A, B]} gives an index class A(B(base.index_class)). Parts the backend
    does not have (not every one autocompletes) are left out."""
    attrs = {}
    for part, part_mixins in mixins.items():
        cls = getattr(base, part, None)
        if cls is None:
            continue
        for mixin in reversed(part_mixins):
            cls = type(f"{prefix}{cls.__name__}", (mixin, cls), {})
        attrs[part] = cls
    return type(f"{prefix}{base.__name__}", (base,), attrs)


def content_type_ids(model):
    """The content types of `model` and its subclasses, as the index stores them."""
    return get_descendants_content_types_pks(model)


def is_sqlite_fts(backend_class):
    """True for modelsearch's SQLite FTS5 backend (its module is loaded once it is in use)."""
    module = sys.modules.get(SQLITE_MODULE)
    return module is not None and issubclass(backend_class, module.SQLiteSearchBackend)


def is_postgres(backend_class):
    """True for modelsearch's PostgreSQL backend (its module is loaded once it is in use)."""
    module = sys.modules.get(POSTGRES_MODULE)
    return module is not None and issubclass(backend_class, module.PostgresSearchBackend)


@cache
def sqlite_fts():
    """The SQLite FTS5 backend's private parts; importable only where its FTS models exist."""
    backend = import_module(SQLITE_MODULE)
    query = import_module(SQLITE_QUERY_MODULE)
    return SimpleNamespace(
        IndexEntry=backend.IndexEntry,
        FTSIndexEntry=backend.SQLiteFTSIndexEntry,
        MatchExpression=query.MatchExpression,
        normalize=query.normalize,
        AndNot=query.AndNot,
    )


class CompilerCountsMixin:
    """Search results that let their query compiler count when it can: the compiler's
    `fast_count(config, score_field)` returns a number, or None for modelsearch's own count."""

    def _do_count(self):
        compiler = self.query_compiler
        fast_count = getattr(compiler, "fast_count", None)
        count = fast_count(compiler.get_config(self.backend), self._score_field) if fast_count else None
        return super()._do_count() if count is None else count


def page_rows(results, limit):
    """The best `limit` of `results` as dicts of "pk" and bounded.PAGE_COLUMNS, as the query
    compiler read them with the matches (`page_rows(config, limit, score_field)`); None where it
    did not (a model that is not a page, a search it does not rank)."""
    compiler = getattr(results, "query_compiler", None)
    read = getattr(compiler, "page_rows", None)
    if read is None:
        return None
    return read(compiler.get_config(results.backend), limit, results._score_field)


def ranked_queryset(results):
    """The queryset of a slice of search results, in rank order: the search page reads a few
    columns of its candidates from it instead of building a page object for each."""
    return results.get_queryset()


def _missing(what, obj, names):
    return [f"modelsearch's {what} ({obj!r}) has no `{name}`" for name in names if not hasattr(obj, name)]


def _changed(function, expected):
    """`expected` is the list of parameter names after self, or how many there are."""
    params = [p for p in inspect.signature(function).parameters if p != "self"]
    if params == expected or len(params) == expected:
        return []
    return [f"{function.__qualname__} takes {params}, expected {expected}"]


def problems():
    """Every way the installed modelsearch and Wagtail differ from what this module expects."""
    found = [
        f"{package} {version(package)} is installed; portal/search/internals.py was checked "
        f"against {expected}: re-check what its docstring lists, then update TESTED_WITH."
        for package, expected in TESTED_WITH.items()
        if version(package) != expected
    ]
    base = database_backend_class({})
    compiler = base.query_compiler_class
    found += _missing("backend class", base, ["index_class", "query_compiler_class", "results_class"])
    found += _missing(
        "query compiler",
        BaseSearchQueryCompiler(None, MATCH_ALL),
        ["queryset", "query", "fields", "order_by_relevance"],
    )
    found += _missing("query compiler", compiler, ["get_config"])
    found += _missing(
        "search results", BaseSearchResults(None, None), ["backend", "query_compiler", "_score_field"]
    )
    found += _missing("search results", base.results_class, ["_do_count", "get_queryset"])
    found += _changed(base.index_class.add_items, 2)
    found += _changed(
        BaseSearchQueryCompiler.__init__, ["queryset", "query", "fields", "operator", "order_by_relevance"]
    )
    if is_sqlite_fts(base):
        try:
            sqlite_fts()
        except (ImportError, AttributeError) as error:
            found.append(f"modelsearch's SQLite backend changed: {error}")
        found += _missing("SQLite query compiler", compiler, ["build_search_query", "FTS_TABLE_FIELDS"])
        found += _changed(compiler.search, ["config", "start", "stop", "score_field"])
    if is_postgres(base):
        found += _missing(
            "PostgreSQL query compiler",
            compiler,
            ["build_tsquery", "get_search_vectors", "_build_rank_expression"],
        )
        found += _changed(compiler.search, ["config", "start", "stop", "score_field", "backend"])
    return found
