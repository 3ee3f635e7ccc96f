"""Route a deep URL in two queries instead of two per level.

Wagtail's `Page.route` looks up one child per path segment and then its specific page. The
home page instead loads every page whose url_path is a prefix of the request path in one
query, walks that chain as Wagtail would (stopping where a page routes on its own: a routable
page whose routes match the rest of the path, or a custom `route`), and hands the rest of the
path to that page, so behaviour is unchanged. A URL that names a page exactly is remembered
with that page until anything on the site is written (request_memo): the next request routes
without a query. Sub-routes and unknown paths are not remembered, so no visitor can fill the
cache with made-up URLs.
"""

import hashlib

from django.urls import Resolver404
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page

from portal.page_cache import memo
from portal.tree import below

PLAIN_ROUTES = (Page.route, RoutablePageMixin.route)


def _claims_rest(page, rest):
    """True if `page` would answer `rest` itself rather than pass it to a child."""
    cls = page.specific_class
    if cls is None or cls.route not in PLAIN_ROUTES:
        return True
    if issubclass(cls, RoutablePageMixin) and page.live:
        try:
            cls.get_resolver().resolve("/" + "/".join(rest) + "/")
        except Resolver404:
            return False
        return True
    return False


def route_below(home, request, path_components):
    """The RouteResult for `path_components` under `home`, or None to route the usual way."""
    if not path_components:
        return None
    site_id = memo.request_site_id(request)
    name = "route:" + hashlib.sha256("/".join(path_components).encode()).hexdigest()[:32]
    found = memo.peek(site_id, name) if site_id is not None else None
    if found is None:
        found = _find(home, path_components)
        if found is None:
            return None
        if site_id is not None and found[1] == len(path_components):
            memo.keep(site_id, name, found)
    page, consumed = found
    return page.route(request, path_components[consumed:])


def _find(home, path_components):
    """(specific page, path components it consumed) by one query for the chain, or None."""
    prefixes = {
        home.url_path + "/".join(path_components[:n]) + "/": n for n in range(1, len(path_components) + 1)
    }
    # url_path is indexed (portal migration 0013); the path range keeps other sites' pages out.
    pages = Page.objects.filter(below(home), url_path__in=list(prefixes))
    chain = sorted((p for p in pages if p.depth == home.depth + prefixes[p.url_path]), key=lambda p: p.depth)
    if not chain or chain[0].depth != home.depth + 1:
        return None
    target = None
    for expected, page in enumerate(chain, start=1):
        if prefixes[page.url_path] != expected:
            break
        target = page
        if _claims_rest(page, path_components[expected:]):
            break
    if target is None:
        return None
    return target.specific, prefixes[target.url_path]
