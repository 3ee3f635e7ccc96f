"""One PageViewRestriction query per public page view, however many `.public()` querysets the
page, its menu and its sections build.

Wagtail's `PageQuerySet.private_q()` reads every restriction each time it is called; a home page
called it nine times. While a GET or HEAD request is served, the middleware below keeps its
result for that request only, so a restriction added in the admin applies from the next request.
"""

from contextvars import ContextVar

from wagtail.query import PageQuerySet

_memo = ContextVar("view_restrictions_memo", default=None)
_original_private_q = PageQuerySet.private_q


def private_q(self):
    memo = _memo.get()
    if memo is None:
        return _original_private_q(self)
    if "q" not in memo:
        memo["q"] = _original_private_q(self)
    return memo["q"]


def install():
    """Called from PortalConfig.ready()."""
    PageQuerySet.private_q = private_q


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
