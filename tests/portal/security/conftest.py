import pytest
from django.test import Client

from portal import roles
from tests.portal.security import sitecopy


@pytest.fixture
def plain_client():
    """A test client with no shortcut through the second factor."""
    return Client()


@pytest.fixture
def member(make_user):
    return make_user(roles.COMMITTEE, username="committee1", first_name="周德明")


def sign_in(client, username, password, **extra):
    """Post Wagtail's login form as a browser would; returns the response."""
    return client.post(
        "/admin/login/", {"username": username, "password": password, "next": "/admin/"}, **extra
    )


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory):
    """An empty, migrated SQLite database file, made once per test session."""
    return sitecopy.migrated_template(tmp_path_factory.mktemp("sqlite-template"))


@pytest.fixture
def sqlite_site(migrated_sqlite, tmp_path):
    """(database file, media folder) of a fresh copy of the migrated database."""
    media = tmp_path / "media"
    media.mkdir()
    return sitecopy.copy_database(migrated_sqlite, tmp_path / "site.sqlite3"), media
