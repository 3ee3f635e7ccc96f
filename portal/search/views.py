"""The site search page, /search/?q=…&type=…&page=…"""

import functools
import hashlib

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import EmptyPage, Paginator
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Site
from wagtail.search.utils import normalise_query_string

from portal.page_cache.memo import site_memo
from portal.params import page_number

from . import bounded, hits, rows
from .internals import page_rows, ranked_queryset
from .models import SearchSynonym
from .query import build_query, clean_query, highlight_terms, snippet
from .refine import CANDIDATES, live_pages, regroup, suggestion
from .types import label_for, result_types

PER_PAGE = 10
SUGGESTIONS = ["物业费", "党费", "电梯", "社区快报", "志愿者", "星级"]
# Words for the large-text mode; a search for any of them offers the switch first.
ELDER_MODE_WORDS = ["长辈版", "大字版", "关怀版", "老年版", "大字", "字太小", "适老"]


# A page's own date, where its model has one of these fields (the first set counts); else the
# day it was first published.
DATE_FIELDS = ("date", "public_from", "issue_date")


@functools.cache
def date_fields(model):
    names = {f.name for f in model._meta.concrete_fields}
    return [name for name in DATE_FIELDS if name in names]


def candidate_rows(results, limit):
    """The first `limit` results, best first, as dicts of "pk", "title", "model" and "date":
    a few columns, no page object built (rows.with_rows gives the shown results their rows). The
    bounded backends read those columns with the matches; others take one query."""
    rows = page_rows(results, limit)
    if rows is None:
        columns = ("pk", *bounded.PAGE_COLUMNS)
        rows = list(ranked_queryset(results[:limit]).values(*columns))
    by_model = {}
    models = {}  # content type id -> model class, looked up once per type among the candidates
    zone = timezone.get_current_timezone()
    for row in rows:
        type_id = row.pop("content_type_id")
        if type_id not in models:
            models[type_id] = ContentType.objects.get_for_id(type_id).model_class()
        row["model"] = models[type_id]
        published = row.pop("first_published_at")
        row["date"] = published.astimezone(zone).date() if published else None
        by_model.setdefault(row["model"], []).append(row)
    for model, model_rows in by_model.items():
        fields = date_fields(model) if model is not None else []
        if not fields:
            continue
        own = model.objects.filter(pk__in=[row["pk"] for row in model_rows]).values_list("pk", *fields)
        dates = {pk: next((value for value in values if value), None) for pk, *values in own}
        for row in model_rows:
            row["date"] = dates.get(row["pk"]) or row["date"]
    return rows


def count_limit(results):
    """How far `results` were counted: COUNT_LIMIT where the backend ranks a bounded set, else
    None (every match counted)."""
    bounded_search = isinstance(getattr(results, "query_compiler", None), bounded.BoundedRankingMixin)
    return bounded.COUNT_LIMIT if bounded_search else None


def search_pages(site, text, synonym_groups, type_key, types=None):
    """Live public pages of `site` matching `text`, of the chosen type's models if any;
    `relaxed` when none has every word and pages with any of them are returned instead."""
    chosen = {t.key: t for t in (result_types() if types is None else types)}.get(type_key)
    if chosen is not None and not chosen.models:
        return [], False  # a type of results that are not pages
    pages = live_pages(site)
    if chosen is not None:
        pages = pages.type(*chosen.models)
    results = pages.search(build_query(text, synonym_groups))
    relaxed = False
    if not results.count():
        # Nothing has every word (a typo, an extra word): accept pages with any of them.
        results = pages.search(build_query(text, synonym_groups, operator="or"))
        relaxed = True
    return results, relaxed


def has_strict_matches(site, text, synonym_groups):
    return live_pages(site).search(build_query(text, synonym_groups)).count() > 0


def search_sources(site, text, synonym_groups, terms, types, type_key):
    """Results of the registered types that are not pages, each type with its own list."""
    query = build_query(text, synonym_groups)
    found = []
    for result_type in types:
        if result_type.search is None or type_key not in ("", result_type.key):
            continue
        results = result_type.search(site, query, terms)
        if results:
            found.append({"key": result_type.key, "label": result_type.label, "results": results})
    return found


def promotions(site, text):
    """The editors' picks for this search, from the shared cache (any change to them is a
    write that drops it)."""
    normalised = normalise_query_string(text)

    def load():
        picks = SearchPromotion.objects.filter(query__query_string=normalised)
        return list(picks.select_related("page").order_by("sort_order"))

    digest = hashlib.sha256(normalised.encode()).hexdigest()[:16]
    return site_memo(site.pk, f"promotions:{digest}", load)


def search(request):
    text = clean_query(request.GET.get("q", ""))
    type_key = request.GET.get("type", "")
    types = result_types()
    if type_key not in {t.key for t in types}:
        type_key = ""
    site = Site.find_for_request(request)
    context = {
        "query": text,
        "type_key": type_key,
        "types": [(t.key, t.label) for t in types],
        "suggestions": SUGGESTIONS,
        "offer_elder_mode": any(word in text for word in ELDER_MODE_WORDS),
    }

    if text and site is not None:
        synonym_groups = site_memo(
            site.pk, "synonyms", lambda: [s.term_list for s in SearchSynonym.objects.all()]
        )
        results, relaxed = search_pages(site, text, synonym_groups, type_key, types)
        total = len(results) if isinstance(results, list) else results.count()
        entries = regroup(candidate_rows(results, min(total, CANDIDATES)) if total else [], text)
        paginator = Paginator(entries, PER_PAGE)
        try:
            page_obj = paginator.page(page_number(request))
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        shown = rows.with_rows(site.pk, request, page_obj.object_list)
        terms = highlight_terms(text, synonym_groups)
        if relaxed or not total:
            context["did_you_mean"] = suggestion(
                site, text, lambda fixed: has_strict_matches(site, fixed, synonym_groups)
            )
        context.update(
            count_limit=count_limit(results),
            total=total,
            shown_limit=CANDIDATES if total > CANDIDATES else None,
            page_obj=page_obj,
            paginator=paginator,
            relaxed=relaxed,
            results=[
                {
                    **entry,
                    "type_label": label_for(entry["model"], types),
                    "title": snippet(entry["public_title"], terms, width=200),
                    "snippet": snippet(entry["text"], terms),
                }
                for entry in shown
            ],
        )
        if page_obj.number == 1:
            context["sources"] = search_sources(site, text, synonym_groups, terms, types, type_key)
        if page_obj.number == 1 and not type_key:
            context["promotions"] = promotions(site, text)
        hits.record(text)
    return TemplateResponse(request, "search/search.html", context)
