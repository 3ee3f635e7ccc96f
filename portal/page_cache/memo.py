"""Values computed from a site's published content, kept in the shared cache until anything on
that site is written.

The key holds the site's generation (bumped by purge.py on every save, delete, move and
many-to-many change) and the release's code digest, so a value is never served after the data
or the code it was computed from changed, on any app server. Use it only for what is the same
for every visitor (public content, settings): never for anything a signed-in user or a private
page would change.
"""

from django.core.cache import cache
from django.utils import timezone

from . import keys

_MISSING = object()
TIMEOUT = 24 * 3600


def memo_key(site_id, name, daily=False):
    """The shared-cache key of the site's memo `name` (for reading many memos at once)."""
    key = f"{keys.PREFIX}:memo:{site_id}:{keys.generation(site_id)}:{keys.code_version()}:{name}"
    return f"{key}:{timezone.localdate().isoformat()}" if daily else key


def site_memo(site_id, name, compute, *, daily=False, timeout=TIMEOUT):
    """compute()'s value for site `site_id` under `name`; `daily` for values that depend on
    today's date in Shanghai (e.g. what is in its 公示期)."""
    key = memo_key(site_id, name, daily)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, timeout)
    return value


def peek(site_id, name):
    """The value kept under `name` for the site's current generation, or None."""
    return cache.get(memo_key(site_id, name))


def keep(site_id, name, value, timeout=TIMEOUT):
    """Keep `value` under `name` until the site's next write (for values only sometimes kept)."""
    cache.set(memo_key(site_id, name), value, timeout)


def request_site_id(request):
    """The id of the site serving `request`, or None."""
    from wagtail.models import Site

    site = Site.find_for_request(request) if request is not None else None
    return site.pk if site is not None else None


def request_memo(request, name, compute, *, daily=False):
    """site_memo for the site serving `request`; computed afresh when no site matches."""
    site_id = request_site_id(request)
    if site_id is None:
        return compute()
    return site_memo(site_id, name, compute, daily=daily)
