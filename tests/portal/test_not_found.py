"""Under `make run` (DEBUG on) a missing page still gets the residents' Chinese 404 page."""

import importlib

import pytest

pytestmark = pytest.mark.django_db

MIDDLEWARE = "portal.not_found.FriendlyNotFoundMiddleware"


def test_development_settings_use_the_friendly_404(monkeypatch):
    monkeypatch.delenv("DEBUG_404", raising=False)
    dev = importlib.reload(importlib.import_module("portal.settings.dev"))
    assert dev.DEBUG and not dev.DEBUG_404
    assert MIDDLEWARE in dev.MIDDLEWARE


@pytest.mark.parametrize("debug_404", [False, True])
def test_debug_mode_shows_the_chinese_404_unless_asked_for_the_debug_page(
    client, settings, home_page, debug_404
):
    settings.DEBUG = True
    settings.DEBUG_404 = debug_404
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, MIDDLEWARE]
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    if debug_404:
        assert "Page not found" in html
    else:
        assert "您要找的页面不存在" in html and "Page not found" not in html
