"""Fixtures for the volunteer tests: the board and the role-model gallery on the default site."""

import pytest
from django.core.cache import cache

from volunteers.factories import RoleModelIndexPageFactory, VolunteerBoardPageFactory


@pytest.fixture(autouse=True)
def fresh_cache():
    """Wagtail caches site root paths; a test that adds a site must not leak into the next."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def board(home_page):
    return VolunteerBoardPageFactory(parent=home_page)


@pytest.fixture
def role_index(board):
    return RoleModelIndexPageFactory(parent=board)
