"""Fixtures for the notice board tests: users by role (the pages come from tests/sections.py)."""

import pytest

from portal import roles


@pytest.fixture
def committee(make_user):
    """Three committee members with names and emails."""
    return [
        make_user(roles.COMMITTEE, username=f"committee{i}", first_name=name)
        for i, name in enumerate(["周德明", "吴桂英", "郑国强"], start=1)
    ]


@pytest.fixture
def resident_editor(make_user):
    return make_user(roles.RESIDENT_EDITORS, username="editor")
