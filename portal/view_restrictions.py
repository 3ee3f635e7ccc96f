"""Page view restrictions read from the shared cache instead of the database on every page view.

Wagtail reads every PageViewRestriction each time `PageQuerySet.private_q()` is called (a home
page called it nine times) and two more queries for the served page's own check
(`Page.get_view_restrictions`). An install has a handful of restrictions at most, so the list is
kept in the shared cache under a counter that purge.py bumps on every restriction written and
every page saved, moved or deleted (paths and aliases change only then); within one GET or HEAD
request it is read once. The served page's check then needs no query when no restriction covers
it, and falls back to Wagtail's own when the install has aliases (an alias takes its source's
restrictions).
"""

from contextvars import ContextVar

from django.core.cache import cache
from django.db.models import Q
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from portal.page_cache import keys

GENERATION_KEY = f"{keys.PREFIX}:restrictions"
_memo = ContextVar("view_restrictions_memo", default=None)
_original_get_view_restrictions = Page.get_view_restrictions


def _load():
    return {
        "restrictions": list(PageViewRestriction.objects.select_related("page")),
        "aliases": Page.objects.filter(alias_of__isnull=False).exists(),
    }


def _known():
    """{"restrictions": [...], "aliases": bool} for the whole install."""
    memo = _memo.get()
    if memo is not None and "known" in memo:
        return memo["known"]
    key = f"{GENERATION_KEY}:list:{keys.generation(GENERATION_KEY)}:{keys.code_version()}"
    known = cache.get(key)
    if known is None:
        known = _load()
        cache.set(key, known, 24 * 3600)
    if memo is not None:
        memo["known"] = known
    return known


def bump():
    keys.bump([GENERATION_KEY])


def private_q(self):
    # As Wagtail 8.0.1's PageQuerySet.private_q, over the cached list.
    q = Q()
    for restriction in _known()["restrictions"]:
        q |= self.descendant_of_q(restriction.page, inclusive=True)
    return q if q else Q(pk__in=[])


def get_view_restrictions(self):
    known = _known()
    if known["aliases"]:
        return _original_get_view_restrictions(self)
    covering = [r.pk for r in known["restrictions"] if self.path.startswith(r.page.path)]
    if not covering:
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(pk__in=covering).select_related("page")


def install():
    """Called from PortalConfig.ready()."""
    PageQuerySet.private_q = private_q
    Page.get_view_restrictions = get_view_restrictions


class ViewRestrictionsPerRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        token = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(token)
