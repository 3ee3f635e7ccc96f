"""Serve anonymous GET/HEAD requests of public pages from the shared cache.

A stored response keeps the versions it was rendered at (keys.py) and is served only while they
are unchanged.

Only a visitor without a session (no cookies but 长辈版's and the CSRF cookie) is served from or
stored in the cache. A response is stored only if it is a complete 200 that sets no cookie,
carries no CSRF token, varies on nothing but Cookie/Accept-Encoding and does not forbid caching.
"""

import functools
import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.core.signals import setting_changed
from django.dispatch import Signal, receiver
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.http import http_date, parse_http_date_safe

from portal import elder
from portal.params import query_dict
from portal.workdays import next_midnight

from . import keys

# Parameters that share tools (WeChat, analytics) add to links. No page reads them, but page links
# keep them, so they are part of the key like any other: a shared link is one more cached entry.
TRACKING_PARAMS = frozenset(
    {"from", "isappinstalled", "scene", "clicktime", "enterid", "spm", "share_source"}
)
MAX_VALUE_LENGTH = 200
VARY_OK = frozenset({"cookie", "accept-encoding"})
# Proxies in front (nginx, a CDN) may keep a page for a second; browsers always revalidate.
CACHE_CONTROL = {"public": True, "max_age": 0, "s_maxage": 1}

CONDITIONAL_HEADERS = frozenset(
    {"HTTP_IF_NONE_MATCH", "HTTP_IF_MODIFIED_SINCE", "HTTP_IF_MATCH", "HTTP_IF_UNMODIFIED_SINCE"}
)
# Sent with `request` for each response answered from the cache, whose view therefore did not
# run: for what a view does besides rendering (the search page counts searches).
served_from_cache = Signal()


def _setting(name, default):
    return getattr(settings, name, default)


def _is_tracking(name):
    return name in TRACKING_PARAMS or name.startswith("utm_")


def _visitor_is_anonymous(request):
    allowed = {elder.COOKIE_NAME, settings.CSRF_COOKIE_NAME}
    return all(name in allowed for name in request.COOKIES) and "HTTP_AUTHORIZATION" not in request.META


# Longer query strings are normalised on each request rather than remembered.
MAX_REMEMBERED_LENGTH = 1_000


@receiver(setting_changed)
def _forget_queries(setting, **kwargs):
    if setting == "PAGE_CACHE_QUERY_PARAMS":
        _normalised.cache_clear()


def _normalised_query(request):
    """The query string the page may read, sorted; None when it holds parameters no page reads
    (such a request is answered, just not cached, so random parameters cannot fill the cache).
    Remembered per raw query string: a hit parses none."""
    raw = request.META.get("QUERY_STRING", "")
    return _normalised(raw) if len(raw) <= MAX_REMEMBERED_LENGTH else _normalised.__wrapped__(raw)


@functools.lru_cache(maxsize=10_000)
def _normalised(raw):
    allowed = set(_setting("PAGE_CACHE_QUERY_PARAMS", ()))
    kept = []
    for name, values in query_dict(raw).lists():
        if (
            not (name in allowed or _is_tracking(name))
            or len(values) != 1
            or len(values[0]) > MAX_VALUE_LENGTH
        ):
            return None
        kept.append((name, values[0]))
    return urlencode(sorted(kept))


def _seconds_to_keep():
    """At most PAGE_CACHE_SECONDS, and never past local midnight: pages that show dates (公示期,
    this year's stars) change when the day does, without any write."""
    now = timezone.localtime()
    left = int((next_midnight(now) - now).total_seconds())
    return max(1, min(_setting("PAGE_CACHE_SECONDS", 300), left))


def _personal(response):
    """Sets a cookie, or holds a CSRF token (Django sets the CSRF cookie whenever a token is
    used; the form field is checked as well, for a view that sends its token another way)."""
    return bool(response.cookies) or b'name="csrfmiddlewaretoken"' in response.content


def _storable(request, response):
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if _personal(response):
        return False
    cache_control = response.get("Cache-Control", "").lower()
    if any(word in cache_control for word in ("private", "no-store", "no-cache")):
        return False
    vary = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return vary <= VARY_OK


def _with_validators(response, etag, last_modified):
    response["ETag"] = etag
    response["Last-Modified"] = http_date(last_modified)
    patch_cache_control(response, **CACHE_CONTROL)
    patch_vary_headers(response, ["Cookie"])
    return response


def _from_entry(entry):
    response = HttpResponse(entry["content"], status=200)
    for name, value in entry["headers"]:
        response[name] = value
    response["X-Page-Cache"] = "hit"
    return response


def _still_valid(entry, seen):
    """Every version the entry was stored with is unchanged (`seen` holds those already read)."""
    tags = entry["tags"]
    unread = [name for name in tags if name not in seen]
    current = {**seen, **cache.get_many(unread)} if unread else seen
    return all(current.get(name) == value for name, value in tags.items())


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._applies(request):
            return self._private(request, self.get_response(request))
        query = _normalised_query(request)
        if query is None:
            return self.get_response(request)
        host, path = request.get_host().lower(), request.path
        site_id, pages_generation, seen = keys.lookup(request, host)
        if site_id is None:
            return self.get_response(request)

        key = keys.entry_key(site_id, host, path, query, elder.is_elder_mode(request), pages_generation)
        entry = cache.get(key)
        if entry is not None and _still_valid(entry, seen):
            keys.remember_tags(host, path, entry["tags"])
            served_from_cache.send(sender=type(self), request=request)
            response = _from_entry(entry)
            if not CONDITIONAL_HEADERS.intersection(request.META):
                return response
            return get_conditional_response(
                request, etag=entry["etag"], last_modified=entry["last_modified"], response=response
            )

        data_before = keys.generation(site_id)
        response = self.get_response(request)
        if not _storable(request, response):
            if not response.streaming and _personal(response):
                patch_cache_control(response, private=True)
            return response
        etag = f'"{hashlib.sha256(response.content).hexdigest()[:32]}"'
        # The page's own Last-Modified (a feed's latest change) if it gave one, else now.
        last_modified = parse_http_date_safe(response.get("Last-Modified", "")) or int(time.time())
        _with_validators(response, etag, last_modified)
        response["X-Page-Cache"] = "miss"
        # A page served through Wagtail names its versions (wagtail_hooks); any other URL may show
        # anything of its site, so it follows the site's data generation.
        tag_keys = getattr(request, "page_cache_tags", None) or [keys.data_generation_key(site_id)]
        tags = keys.versions(tag_keys)
        # Purges bump the data generation before the versions: unchanged after the versions were
        # read means no write began since rendering did, so what was rendered is current.
        if len(tags) == len(tag_keys) and keys.generation(site_id) == data_before:
            entry = {
                "content": response.content,
                "headers": [
                    (k, v) for k, v in response.items() if k.lower() not in ("set-cookie", "x-page-cache")
                ],
                "etag": etag,
                "last_modified": last_modified,
                "tags": tags,
            }
            cache.set(key, entry, timeout=_seconds_to_keep())
            keys.remember_tags(host, path, tag_keys)
        return get_conditional_response(request, etag=etag, last_modified=last_modified, response=response)

    @staticmethod
    def _applies(request):
        if request.method not in ("GET", "HEAD") or not _setting("PAGE_CACHE_ENABLED", True):
            return False
        if any(request.path.startswith(p) for p in _setting("PAGE_CACHE_EXCLUDED_PATHS", ())):
            return False
        return _visitor_is_anonymous(request)

    @staticmethod
    def _private(request, response):
        """Pages a signed-in user sees must never be kept by a proxy in front."""
        if settings.SESSION_COOKIE_NAME in request.COOKIES and not response.has_header("Cache-Control"):
            patch_cache_control(response, private=True)
        return response
