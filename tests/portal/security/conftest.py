import pytest
from django.test import Client

from portal import roles


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
