"""长辈版: large-text mode, remembered in a cookie so it works without JavaScript."""

from django.http import Http404, HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

COOKIE_NAME = "elder_mode"
COOKIE_MAX_AGE = 365 * 24 * 3600


def is_elder_mode(request):
    return request.COOKIES.get(COOKIE_NAME) == "1"


@require_GET
def switch(request, state):
    """Turn 长辈版 on or off, then go back to the page the resident came from."""
    if state not in ("on", "off"):
        raise Http404
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = "/"
    response = HttpResponseRedirect(target)
    if state == "on":
        response.set_cookie(
            COOKIE_NAME, "1", max_age=COOKIE_MAX_AGE, samesite="Lax", secure=request.is_secure()
        )
    else:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
    # The page must be fetched again with the new cookie, not from a cache.
    response["Cache-Control"] = "no-store"
    return response
