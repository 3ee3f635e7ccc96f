"""Fixtures for the volunteer tests: the board and the role-model gallery on the default site."""

import pytest

from volunteers.factories import RoleModelIndexPageFactory, VolunteerBoardPageFactory


@pytest.fixture
def board(home_page):
    return VolunteerBoardPageFactory(parent=home_page)


@pytest.fixture
def role_index(board):
    return RoleModelIndexPageFactory(parent=board)
