"""The request's Site, with its home page, from the shared cache.

Wagtail looks the site up by host (one query) and then loads its home page (one more) on every
request. For GET and HEAD the middleware below hands Wagtail the Site it would have found, kept
with its specific home page until anything on that site or any site's hostname changes.
"""

from wagtail.models import Site

from . import keys
from .memo import site_memo


def _load(site_id):
    site = Site.objects.select_related("root_page").get(pk=site_id)
    site.root_page.specific  # noqa: B018 - cached on the instance, and so in the cache
    return site


def cached_site(request):
    site_id = keys.site_id_for(request)
    if site_id is None:
        return None
    return site_memo(site_id, "site", lambda: _load(site_id))


class CachedSiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD"):
            try:
                site = cached_site(request)
            except Site.DoesNotExist:  # deleted since the host was remembered
                site = None
            if site is not None:
                request._wagtail_site = site
        return self.get_response(request)
