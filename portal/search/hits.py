"""How often residents search for each query, for editors' popular-search report (Wagtail's
QueryDailyHits).

A search the view renders writes its hit at once. A search the whole-page cache answers is
counted too: the first one in a minute for that query writes, with any that waited; the others
wait in the cache (an increment, not a database write per cached page served). What waits is
written with the next search of that query, on its day; the last minute of a burst that nobody
follows up on that day or the next is lost.
"""

import contextlib
import datetime
import hashlib

from django.core.cache import cache
from django.db.models import F
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from .query import clean_query

WINDOW = 60  # seconds between writes for searches the page cache answers
PENDING_TIMEOUT = 2 * 24 * 3600


def record(text, cached=False):
    """Count one search for `text`: written now if the view rendered it (`cached` false) or if
    it is the first cached one this WINDOW, else left waiting."""
    normalised = normalise_query_string(text)
    if not normalised:
        return
    today = timezone.localdate()
    key = _pending_key(today, normalised)
    if cached and not cache.add(f"{key}:written", 1, WINDOW):
        if not cache.add(key, 1, PENDING_TIMEOUT):
            try:
                cache.incr(key)
            except ValueError:  # expired in between
                cache.add(key, 1, PENDING_TIMEOUT)
        return
    _write(text, normalised, today, 1 + _take(key))
    yesterday = today - datetime.timedelta(days=1)
    waiting = _take(_pending_key(yesterday, normalised))
    if waiting:
        _write(text, normalised, yesterday, waiting)


def on_cached_page(sender, request, **kwargs):
    """page_cache's `served_from_cache` receiver: a cached search results page is a search."""
    try:
        if request.path != reverse("search"):
            return
    except NoReverseMatch:  # a URL configuration without the search page
        return
    text = clean_query(request.GET.get("q", ""))
    if text:
        record(text, cached=True)


def _pending_key(date, normalised):
    digest = hashlib.sha256(normalised.encode()).hexdigest()[:24]
    return f"search-hits:{date.isoformat()}:{digest}"


def _take(key):
    """The hits waiting under `key`, taken (others may add meanwhile: only these are removed)."""
    waiting = cache.get(key) or 0
    if waiting:
        with contextlib.suppress(ValueError):  # expired meanwhile: nothing left to remove
            cache.decr(key, waiting)
    return waiting


def _write(text, normalised, date, hits):
    """Add `hits` to the day's count, in one query once the query has been counted that day."""
    counted = QueryDailyHits.objects.filter(query__query_string=normalised, date=date)
    if counted.update(hits=F("hits") + hits):
        return
    daily, _created = QueryDailyHits.objects.get_or_create(query=Query.get(text), date=date)
    QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + hits)
