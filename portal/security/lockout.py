"""Sign-in lockout (django-axes): the Chinese lockout page and the list of current lockouts."""

from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone


def client_ip(request):
    """The visitor's address for lockouts (AXES_CLIENT_IP_CALLABLE). Behind nginx every request
    comes from 127.0.0.1, so nginx's X-Real-IP is used, but only when the request came from a
    trusted proxy: anyone else could write that header."""
    remote = request.META.get("REMOTE_ADDR")
    forwarded = request.META.get("HTTP_X_REAL_IP", "").strip()
    if forwarded and remote in settings.PORTAL_TRUSTED_PROXIES:
        return forwarded
    return remote


def cool_off_minutes():
    return int(get_cool_off().total_seconds() // 60)


def lockout_response(request, original_response=None, credentials=None):
    """What a locked-out sign-in gets: HTTP 429 and a page in Chinese (AXES_LOCKOUT_CALLABLE)."""
    context = {"minutes": cool_off_minutes()}
    return render(request, "security/lockout.html", context, status=429)


def current_lockouts():
    """Accounts and addresses that reached the failure limit within the cool-off period:
    [{"kind": "username"|"ip_address", "value", "failures", "last"}], newest first."""
    recent = AccessAttempt.objects.filter(attempt_time__gte=timezone.now() - get_cool_off())
    lockouts = []
    for kind in ("username", "ip_address"):
        rows = (
            recent.exclude(**{f"{kind}__isnull": True})
            .values(kind)
            .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
            .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        )
        lockouts += [{"kind": kind, "value": row[kind], **row} for row in rows]
    return sorted(lockouts, key=lambda lockout: lockout["last"], reverse=True)


def forget_own_failures(sender, request, user, **kwargs):
    """On a successful sign-in, forget that account's own failed attempts, and nothing else:
    django-axes' AXES_RESET_ON_SUCCESS would also clear every failure from the same address,
    so someone with an account could reset the count between guesses at a colleague's password."""
    reset(username=user.get_username())


def unlock(kind, value):
    """Lift a lockout now; returns how many attempt records were removed."""
    if kind == "username":
        return reset(username=value)
    if kind == "ip_address":
        return reset(ip=value)
    raise ValueError(kind)
