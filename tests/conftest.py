"""Fixtures every app's tests share: the default site, its home page, users by role."""

import os

import pytest
from django.core.cache import caches
from wagtail.models import Site

from portal import roles
from portal.factories import DEFAULT_PASSWORD, UserFactory
from portal.search import hits
from tests.two_factor import TwoFactorClient

# Chromium and axe-core fixtures for the browser tests of every app, registered once.
pytest_plugins = ["tests.browser.support", "tests.sections"]


@pytest.fixture(autouse=True)
def empty_cache():
    """Every test starts with an empty cache: on SQLite a new test reuses the ids (sites, pages)
    an earlier test's cached pages are keyed by. On Redis clear() drops only this run's keys."""
    caches["default"].clear()
    hits.forget()


def pytest_runtest_setup(item):
    """Tests marked `redis` need the Redis in REDIS_URL (CI has one)."""
    if item.get_closest_marker("redis") and not os.environ.get("REDIS_URL"):
        pytest.skip("需要 REDIS_URL 指向的 Redis（CI 会启动一个）")


@pytest.fixture
def client():
    """Django's test client, completing two-factor sign-in for the users who need it
    (监委会, 站点管理员, superusers): tests log in as those users as the real login would."""
    return TwoFactorClient()


@pytest.fixture
def site(db):
    """The default site created by migrations, rooted at a HomePage."""
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def home_page(site):
    return site.root_page.specific


@pytest.fixture
def password():
    return DEFAULT_PASSWORD


@pytest.fixture
def make_user(db):
    """make_user("主编", username="chief") -> a user in that role."""

    def make(*role_names, **kwargs):
        return UserFactory(roles=list(role_names), **kwargs)

    return make


@pytest.fixture
def staff_user(make_user):
    return make_user(roles.COMMUNITY_STAFF, username="staff")


@pytest.fixture
def admin_user_role(make_user):
    """A 站点管理员 who is also a superuser, like the demo `admin`."""
    return make_user(roles.SITE_ADMINS, username="siteadmin", is_superuser=True, is_staff=True)


def pytest_collection_modifyitems(config, items):
    """Mark every test that drives Chromium as `browser`: `make test` runs them in their own
    pytest run, after the rest (their live server needs a database of their own)."""
    for item in items:
        if "new_page" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def no_page_cache(settings):
    """For tests of what rendering a page asks or shows: the whole-page cache would answer first."""
    settings.PAGE_CACHE_ENABLED = False
