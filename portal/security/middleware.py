"""Middleware: the two-factor gate for the admin and the admin's Content-Security-Policy."""

from dataclasses import asdict
from urllib.parse import urlencode

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.deprecation import MiddlewareMixin

from portal.security import two_factor

# Admin views a user may open before the second factor: signing in and out, and 2FA itself.
OPEN_BEFORE_VERIFICATION = {
    "wagtailadmin_login",
    "wagtailadmin_logout",
    "wagtailadmin_javascript_catalog",
    "wagtailadmin_sprite",
    "security_verify",
    "security_enrol",
}


_admin_prefixes = {}


def admin_prefix():
    """The admin's URL prefix, reversed once per URL configuration (every response asks)."""
    key = (get_urlconf(), get_script_prefix(), settings.ROOT_URLCONF)
    prefix = _admin_prefixes.get(key)
    if prefix is None:
        prefix = _admin_prefixes[key] = reverse("wagtailadmin_home")
    return prefix


class TwoFactorMiddleware(MiddlewareMixin):
    """Until the second factor is given, a user who has or needs one is sent to verify or to
    enrol in the admin, and counts as signed out everywhere else."""

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not two_factor.needs_verification(user):
            return None
        if not request.path_info.startswith(admin_prefix()):
            request.user = AnonymousUser()
            return None
        if request.resolver_match.url_name in OPEN_BEFORE_VERIFICATION:
            return None
        step = "security_verify" if two_factor.has_two_factor(user) else "security_enrol"
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The site's pages get settings.CONTENT_SECURITY_POLICY unchanged. Wagtail 8's admin writes
    inline <script> (InlinePanel, date pickers) and style attributes without nonces, so only
    admin pages also allow inline scripts and styles."""

    ADMIN_ALLOWANCES = {
        "script-src": ["'unsafe-inline'"],
        "style-src": ["'unsafe-inline'"],
    }

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(admin_prefix()):
            parts.update = {**(parts.update or {}), **self.ADMIN_ALLOWANCES}
        return parts

    def process_response(self, request, response):
        """django-csp builds the same header for every response; a cached page is served in a
        quarter of a millisecond, a third of which went to rebuilding it. Without a nonce or a
        view's own policy the header depends only on the settings and admin or not: built once."""
        if getattr(request, "_csp_nonce", None) is not None or any(
            k.startswith("_csp_") for k in vars(response)
        ):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (404, 500):
            return response
        admin = request.path_info.startswith(admin_prefix())
        for header, name in (
            (HEADER, "CONTENT_SECURITY_POLICY"),
            (HEADER_REPORT_ONLY, "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            config = getattr(settings, name, None) or {}
            key = (header, admin, repr(config))
            if key not in _BUILT:
                parts = self.get_policy_parts(request, response, report_only=header == HEADER_REPORT_ONLY)
                _BUILT[key] = build_policy(**asdict(parts), report_only=header == HEADER_REPORT_ONLY)
            value = _BUILT[key]
            excluded = request.path_info.startswith(tuple(config.get("EXCLUDE_URL_PREFIXES") or ()))
            if value and header not in response and not excluded:
                response[header] = value
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


_BUILT = {}  # (header, admin?, settings) -> the policy django-csp builds for them
