"""Middleware: the two-factor gate for the admin and the admin's Content-Security-Policy."""

from urllib.parse import urlencode

from csp.middleware import CSPMiddleware
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
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


def admin_prefix():
    return reverse("wagtailadmin_home")


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
