"""A search backend: Wagtail's database backend with Chinese segmentation on both sides.

Configure with WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "portal.search.backend"}}.
It wraps whichever database backend Wagtail picks for the connection (SQLite FTS5,
PostgreSQL, ...), so indexing and querying are segmented the same way everywhere, including
the Wagtail admin's own searches.
"""

from functools import cache

from modelsearch.index import AutocompleteField, RelatedFields, SearchField
from modelsearch.query import MATCH_NONE, And, Boost, Not, Or, Phrase, PlainText

from .bounded import FullCountMixin
from .internals import CompilerCountsMixin, database_backend_class, extend_backend, is_postgres, is_sqlite_fts
from .segment import segment


def flatten(value):
    """Index values may be lists or dicts (StreamField content); make one string."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return " ".join(flatten(v) for v in value)
    if isinstance(value, dict):
        return " ".join(flatten(v) for v in value.values())
    return str(value)


def unwrap(obj):
    return obj._obj if isinstance(obj, SegmentedObject) else obj


class SegmentedSearchField(SearchField):
    def __init__(self, original):
        super().__init__(original.field_name, boost=original.boost, **original.kwargs)
        self.original = original

    def get_value(self, obj):
        return segment(flatten(self.original.get_value(unwrap(obj))), bigrams=True)


class SegmentedAutocompleteField(AutocompleteField):
    def __init__(self, original):
        super().__init__(original.field_name, **original.kwargs)
        self.original = original

    def get_value(self, obj):
        return segment(flatten(self.original.get_value(unwrap(obj))), bigrams=True)


class SegmentedRelatedFields(RelatedFields):
    def get_value(self, obj):
        return super().get_value(unwrap(obj))


def segmented_fields(fields):
    result = []
    for field in fields:
        if isinstance(field, SearchField):
            result.append(SegmentedSearchField(field))
        elif isinstance(field, AutocompleteField):
            result.append(SegmentedAutocompleteField(field))
        elif isinstance(field, RelatedFields):
            result.append(SegmentedRelatedFields(field.field_name, segmented_fields(field.fields)))
        else:
            result.append(field)
    return result


class SegmentedObject:
    """Presents a model instance to the indexer with every text field segmented."""

    def __init__(self, obj):
        self._obj = obj

    def __getattr__(self, name):
        return getattr(self._obj, name)

    def get_search_fields(self):
        return segmented_fields(self._obj.get_search_fields())


class SegmentingIndexMixin:
    def add_items(self, model, objs):
        return super().add_items(model, [SegmentedObject(obj) for obj in objs])


def _segment(query):
    """Segment every PlainText and Phrase in a query tree; None where no words are left."""
    if isinstance(query, (PlainText, Phrase)):
        operator = query.operator if isinstance(query, PlainText) else "and"
        # A page with a word has every dictionary word inside it in the index too, so when
        # every word is required its inner words find nothing more; leaving them out keeps
        # the ranking from counting one word several times and saves reading their lists.
        words = segment(query.query_string, inner=operator != "and")
        if not words:
            return None
        return PlainText(words, operator=operator, boost=getattr(query, "boost", 1))
    if isinstance(query, (And, Or)):
        parts = [p for p in (_segment(q) for q in query.subqueries) if p is not None]
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else type(query)(parts)
    if isinstance(query, Not):
        inner = _segment(query.subquery)
        return None if inner is None else Not(inner)
    if isinstance(query, Boost):
        inner = _segment(query.subquery)
        return None if inner is None else Boost(inner, query.boost)
    return query


def segment_query(query):
    """The query with its text segmented; a query matching nothing if no words are left."""
    if isinstance(query, str):
        query = PlainText(query)
    segmented = _segment(query)
    return MATCH_NONE if segmented is None else segmented


class SegmentingCompilerMixin:
    DEFAULT_OPERATOR = "and"

    def __init__(self, queryset, query, *args, **kwargs):
        if isinstance(query, str):
            query = PlainText(query, operator=kwargs.get("operator") or self.DEFAULT_OPERATOR)
        super().__init__(queryset, segment_query(query), *args, **kwargs)


@cache
def segmented_backend_class(base):
    """A subclass of backend class `base` whose index and query compilers segment Chinese."""
    parts = {"index_class": [SegmentingIndexMixin]}
    ranking = None
    if is_sqlite_fts(base):
        # Importable only where SQLite's FTS models exist.
        from .sqlite_fast import BoundedRankingCompilerMixin as ranking
    elif is_postgres(base):
        from .postgres_fast import BoundedRankingCompilerMixin as ranking
    compilers = [SegmentingCompilerMixin]
    parts["query_compiler_class"] = parts["autocomplete_query_compiler_class"] = compilers
    if ranking is not None:
        parts["query_compiler_class"] = [ranking, *compilers]
        # Editors' page search and the choosers page through every match.
        parts["autocomplete_query_compiler_class"] = [FullCountMixin, ranking, *compilers]
        parts["results_class"] = [CompilerCountsMixin]
    return extend_backend(base, "Segmented", parts)


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks for in a backend module)
    return segmented_backend_class(database_backend_class(params))(params)
