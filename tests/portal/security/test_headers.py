"""Content-Security-Policy and Permissions-Policy on every public page type and in the admin."""

import pytest
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.urls import reverse

from tests.corpus import build_corpus
from tests.portal.security.pages import every_public_url

pytestmark = pytest.mark.django_db


def policy(response):
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in header.split(";") if part.strip())}


STRICT = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "frame-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}


def test_every_public_page_type_allows_only_the_sites_own_files(client, home_page):
    urls = every_public_url(build_corpus(home_page))
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code == (404 if name == "not-found" else 200), name
        assert policy(response) == STRICT, name
        assert "camera=()" in response["Permissions-Policy"], name


def test_public_pages_need_no_inline_script_or_style(client, home_page):
    """The strict policy would block them: every script and stylesheet is a file."""
    urls = every_public_url(build_corpus(home_page))
    for name, url in urls.items():
        html = client.get(url).content.decode()
        assert "<script>" not in html and "<style" not in html and " style=" not in html, name
        assert " onclick=" not in html and " onload=" not in html, name


def test_permissions_policy_turns_off_camera_microphone_and_location(client, home_page):
    header = client.get("/")["Permissions-Policy"]
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in header


@pytest.mark.parametrize("url_name", ["wagtailadmin_home", "wagtailadmin_explore_root", "wagtailadmin_login"])
def test_admin_allows_inline_scripts_and_styles_only_there(client, admin_user_role, url_name):
    client.force_login(admin_user_role)
    response = client.get(reverse(url_name))
    assert response.status_code in (200, 302)
    admin = policy(response)
    assert admin["script-src"] == ["'self'", "'unsafe-inline'"]
    assert admin["style-src"] == ["'self'", "'unsafe-inline'"]
    assert {k: v for k, v in admin.items() if k not in ("script-src", "style-src")} == {
        k: v for k, v in STRICT.items() if k not in ("script-src", "style-src")
    }
    assert "geolocation=()" in response["Permissions-Policy"]


def test_page_editor_has_the_admin_policy(client, admin_user_role, home_page):
    client.force_login(admin_user_role)
    response = client.get(reverse("wagtailadmin_pages:edit", args=[home_page.pk]))
    assert response.status_code == 200
    assert "'unsafe-inline'" in policy(response)["script-src"]


def test_the_500_page_is_styled_by_a_file():
    """It stands alone (no template tags), and an inline <style> would be blocked by the CSP."""
    html = render_to_string("500.html")
    assert "<style" not in html
    assert 'href="/static/css/error.css"' in html
    assert finders.find("css/error.css")


def test_the_policy_built_once_follows_the_settings_and_a_views_own_policy(client, home_page, settings):
    """The middleware keeps the header it builds (portal.security.middleware): a settings change
    and a response with its own policy (django-csp's decorators) are still honoured."""
    from csp.decorators import csp_update
    from django.http import HttpResponse
    from django.test import RequestFactory

    from portal.security.middleware import ContentSecurityPolicyMiddleware

    assert policy(client.get("/"))["img-src"] == ["'self'", "data:"]
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "img-src": ["'self'"]}
    }
    assert policy(client.get("/"))["img-src"] == ["'self'"]

    @csp_update({"img-src": ["https://map.example"]})
    def view(request):
        return HttpResponse("地图")

    middleware = ContentSecurityPolicyMiddleware(view)
    response = middleware(RequestFactory().get("/map/"))
    assert policy(response)["img-src"] == ["'self'", "https://map.example"]
    assert policy(middleware(RequestFactory().get("/map/")))["img-src"] == ["'self'", "https://map.example"]
