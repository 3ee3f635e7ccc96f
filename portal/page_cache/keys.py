"""Per-site generation counters in the shared cache. Every cached response's key includes its
site's generation, so bumping the counter makes all of that site's entries unreachable at once
on every app server."""

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


def generation(site_id):
    key = _generation_key(site_id)
    value = cache.get(key)
    if value is None:
        cache.add(key, _fresh(), timeout=None)
        value = cache.get(key)
    return value


def bump(site_ids):
    """Make every cached response of these sites unreachable."""
    for site_id in set(site_ids):
        key = _generation_key(site_id)
        try:
            cache.incr(key)
        except ValueError:  # not there (never set, or evicted)
            cache.set(key, _fresh(), timeout=None)


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


# host -> (sites generation, site id), per process: lets a cached page be found in two reads
# of the shared cache (the counters, then the page) instead of four.
_HOSTS = {}


def site_and_generation(request):
    """(site id, its generation) for this request's host, or (None, None)."""
    host = request.get_host().lower()
    known = _HOSTS.get(host)
    if known is not None:
        sites_generation, site_id = known
        sites_key, site_key = _generation_key(SITES_KEY), _generation_key(site_id)
        values = cache.get_many([sites_key, site_key])
        if values.get(sites_key) == sites_generation and site_key in values:
            return site_id, values[site_key]
    site_id = site_id_for(request)
    if site_id is None:
        return None, None
    _HOSTS[host] = (generation(SITES_KEY), site_id)
    return site_id, generation(site_id)


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


def entry_key(site_id, request, query, elder, site_generation=None):
    """The key of one cached response: release, site, its generation, host, path, normalised
    query, 长辈版."""
    parts = "\n".join(
        [code_version(), request.get_host().lower(), request.path, query, "elder" if elder else ""]
    )
    digest = hashlib.sha256(parts.encode()).hexdigest()
    if site_generation is None:
        site_generation = generation(site_id)
    return f"{PREFIX}:page:{site_id}:{site_generation}:{digest}"
