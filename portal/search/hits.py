"""How often residents search for each query, for editors' popular-search report (Wagtail's
QueryDailyHits).

A search the view renders writes its hit at once. A search the whole-page cache answers is
counted too, without a write for each page served: each server process adds them up in memory
and writes a query's count at most once a WINDOW, with its first cached search after that (or
its next rendered one), each day's hits to that day. What waits for a query nobody searches for
again in that process is lost when the process stops (gunicorn replaces a worker every 20,000
requests): at most a minute of that query's cached searches.
"""

import functools
import threading
import time

from django.conf import settings
from django.db.models import F
from django.urls import NoReverseMatch, get_script_prefix, get_urlconf, reverse
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits
from wagtail.search.utils import normalise_query_string

from portal.params import query_dict
from portal.workdays import next_midnight

from .query import clean_query

WINDOW = 60.0  # seconds between a process's writes for the cached searches of one query
MAX_REMEMBERED = 10_000  # queries whose last write time a process keeps

_lock = threading.Lock()
_waiting = {}  # normalised query -> {date: hits}, with the text under None
_written_at = {}  # normalised query -> time.monotonic() of this process's last write


def record(text, cached=False, normalised=None):
    """Count one search for `text` (`normalised`: its normalise_query_string, if known): written
    now if the view rendered it (`cached` false) or if this process has not written that query
    for WINDOW seconds, else left waiting."""
    if normalised is None:
        normalised = normalise_query_string(text)
    if not normalised:
        return
    today = _today()
    now = time.monotonic()
    with _lock:
        waiting = _waiting.setdefault(normalised, {None: text})
        waiting[today] = waiting.get(today, 0) + 1
        if cached and now - _written_at.get(normalised, -WINDOW) < WINDOW:
            return
        del _waiting[normalised]
        if len(_written_at) >= MAX_REMEMBERED:
            _written_at.clear()
        _written_at[normalised] = now
    text = waiting.pop(None)
    for date, hits in sorted(waiting.items()):
        _write(text, normalised, date, hits)


_day = (None, 0.0)  # (today's local date, the time.time() at which it ends)


def _today():
    """Today's local date, worked out again only once the day is over."""
    global _day
    day, ends = _day
    if time.time() >= ends:
        now = timezone.localtime()
        day = now.date()
        _day = (day, next_midnight(now).timestamp())
    return day


_search_paths = {}


def _search_path_info():
    """The search page's path without the script prefix, reversed once per URL configuration;
    None without one."""
    key = (get_urlconf(), settings.ROOT_URLCONF)
    if key not in _search_paths:
        try:
            _search_paths[key] = "/" + reverse("search")[len(get_script_prefix()) :]
        except NoReverseMatch:  # a URL configuration without the search page
            _search_paths[key] = None
    return _search_paths[key]


@functools.lru_cache(maxsize=10_000)
def _query_of(raw):
    """(text, normalised) of a cached search's raw query string, remembered: a cached search
    parses nothing."""
    text = clean_query(query_dict(raw).get("q", ""))
    return text, normalise_query_string(text) if text else ""


def on_cached_page(sender, request, **kwargs):
    """page_cache's `served_from_cache` receiver: a cached search results page is a search."""
    if request.path_info != _search_path_info():
        return
    text, normalised = _query_of(request.META.get("QUERY_STRING", ""))
    if text:
        record(text, cached=True, normalised=normalised)


def forget():
    """Drop what waits (tests start from nothing)."""
    with _lock:
        _waiting.clear()
        _written_at.clear()


def _write(text, normalised, date, hits):
    """Add `hits` to the day's count, in one query once the query has been counted that day."""
    counted = QueryDailyHits.objects.filter(query__query_string=normalised, date=date)
    if counted.update(hits=F("hits") + hits):
        return
    daily, _created = QueryDailyHits.objects.get_or_create(query=Query.get(text), date=date)
    QueryDailyHits.objects.filter(pk=daily.pk).update(hits=F("hits") + hits)
