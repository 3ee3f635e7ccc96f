"""Counters in the shared cache that say when a cached response or memo is out of date.

- A site's data generation changes on every write to the site: memos and non-page URLs
  (search, sitemap) follow it.
- A site's pages generation changes on writes that may change every page of the site (settings,
  snippets, menus, moves); every cached response's key includes it.
- A page's version (`ver:<tree path>`) changes when that page's output may have changed: its own
  writes and those below it. Pages that show their siblings also follow their parent's
  `kids:<tree path>`, which changes on every write below that parent.
A cached response keeps the versions it was rendered at and is served only while they hold.
"""

import hashlib
import time
from functools import cache as once
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from wagtail.models import Site

PREFIX = "pagecache"
SITES_KEY = f"{PREFIX}:sites"


def _fresh():
    # A counter that was evicted starts again from the clock, never from a value already used.
    return time.time_ns()


def _generation_key(site_id):
    return f"{PREFIX}:gen:{site_id}"


def _counter(key):
    """The counter's value, started from the clock if it is missing."""
    value = cache.get(key)
    if value is None:
        cache.add(key, _fresh(), timeout=None)
        value = cache.get(key)
    return value


def _bump_counters(counter_keys):
    for key in set(counter_keys):
        try:
            cache.incr(key)
        except ValueError:  # not there (never set, or evicted)
            cache.set(key, _fresh(), timeout=None)


def generation(site_id):
    return _counter(_generation_key(site_id))


def _pages_generation_key(site_id):
    return f"{PREFIX}:pgen:{site_id}"


def data_generation_key(site_id):
    return _generation_key(site_id)


def version_key(path):
    return f"{PREFIX}:ver:{path}"


def kids_key(path):
    return f"{PREFIX}:kids:{path}"


# Versions only need to outlive the responses that recorded them; an expired one reads as changed.
VERSION_TIMEOUT = 2 * 24 * 3600


def pages_generation(site_id):
    return _counter(_pages_generation_key(site_id))


def versions(names):
    """{key: value} for these version keys (generation keys too), starting any that is missing."""
    values = cache.get_many(names)
    for name in names:
        if name not in values:
            cache.add(name, _fresh(), timeout=VERSION_TIMEOUT)
    missing = [name for name in names if name not in values]
    if missing:
        values.update(cache.get_many(missing))
    return values


def bump_versions(names):
    """Change these page versions (no read: a fresh value differs from every earlier one)."""
    if names:
        value = _fresh()
        cache.set_many(dict.fromkeys(names, value), timeout=VERSION_TIMEOUT)


def bump_pages(site_ids):
    """Make every cached response of these sites unreachable (their data generation is bumped
    separately, first)."""
    _bump_counters(_pages_generation_key(site_id) for site_id in site_ids)


def bump(site_ids):
    """Change these sites' data generations (memos, non-page URLs)."""
    _bump_counters(_generation_key(site_id) for site_id in site_ids)


def bump_sites():
    """The sites themselves changed (hostnames, ports, roots): forget the host → site map."""
    bump([SITES_KEY])


def site_id_for(request):
    """The id of the site serving this host, remembered in the shared cache."""
    key = f"{PREFIX}:host:{generation(SITES_KEY)}:{request.get_host().lower()}"
    site_id = cache.get(key)
    if site_id is None:
        site = Site.find_for_request(request)
        if site is None:
            return None
        site_id = site.pk
        cache.set(key, site_id, timeout=None)
    return site_id


# host -> (site id, its pages generation when the host was looked up), per process: a cached
# page is then found in two reads of the shared cache (the counters, then the page). Every write
# to any Site bumps every site's pages generation (purge.py), which sends the host to be looked
# up again.
_HOSTS = {}
# (host, path) -> the version keys its cached response was stored with, per process, so a hit
# reads them together with the pages generation. Bounded: forgotten wholesale when full.
_TAGS = {}
MAX_REMEMBERED = 20_000


def lookup(request, host):
    """(site id, pages generation, {version key: value}) for this request to `host` (lower
    case), reading the version keys this process has seen the URL stored with; (None, None, {})
    when no site serves it."""
    known = _HOSTS.get(host)
    if known is not None:
        site_id, seen_generation = known
        pages_key = _pages_generation_key(site_id)
        tag_keys = _TAGS.get((host, request.path), ())
        values = cache.get_many([pages_key, *tag_keys])
        if values.get(pages_key) == seen_generation:
            return site_id, seen_generation, {k: values.get(k) for k in tag_keys}
    site_id = site_id_for(request)
    if site_id is None:
        return None, None, {}
    generation_now = pages_generation(site_id)
    if len(_HOSTS) > MAX_REMEMBERED:
        _HOSTS.clear()
    _HOSTS[host] = (site_id, generation_now)
    return site_id, generation_now, {}


def remember_tags(host, path, tag_keys):
    if len(_TAGS) > MAX_REMEMBERED:
        _TAGS.clear()
    _TAGS[(host, path)] = tuple(tag_keys)


CODE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".css", ".js", ".svg"}


def own_app_folders():
    """The folders of the project's own apps (not the installed packages)."""
    base = Path(settings.BASE_DIR).resolve()
    folders = {Path(c.path).resolve() for c in apps.get_app_configs()}
    return {f for f in folders if f.is_relative_to(base) and ".venv" not in f.parts}


@once
def code_version():
    """A digest of the project's code, templates, static files and pinned requirements, the same
    on every app server running the same release: a deploy makes older entries unreachable."""
    base = Path(settings.BASE_DIR).resolve()
    roots = own_app_folders() | {Path(d).resolve() for d in settings.STATICFILES_DIRS}
    files = sorted(f for root in roots for f in root.rglob("*") if f.suffix in CODE_SUFFIXES and f.is_file())
    files.append(base / "requirements.txt")
    digest = hashlib.sha256()
    for path in files:
        if path.exists():
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def entry_key(site_id, host, path, query, elder, pages_generation_value):
    """The key of one cached response: release, site, its pages generation, host (lower case),
    path, normalised query, 长辈版."""
    parts = "\n".join([code_version(), host, path, query, "elder" if elder else ""])
    digest = hashlib.sha256(parts.encode()).hexdigest()
    return f"{PREFIX}:page:{site_id}:{pages_generation_value}:{digest}"


def page_tags(page):
    """The version keys a page's responses follow: its own, and its parent's children for a page
    that shows its siblings (`page_cache_shows_siblings`)."""
    tags = [version_key(page.path)]
    if getattr(page, "page_cache_shows_siblings", False) and page.depth > 1:
        tags.append(kids_key(page.path[: -page.steplen]))
    return tags
