"""Fixtures for the notice board: a site's 公开栏 with its 财务公开 subtree, users by role."""

import pytest

from notices.factories import FinancialDisclosureIndexPageFactory, FundFactory, NoticeIndexPageFactory
from portal import roles


@pytest.fixture
def notice_index(home_page):
    return NoticeIndexPageFactory(parent=home_page)


@pytest.fixture
def finance_index(notice_index):
    return FinancialDisclosureIndexPageFactory(parent=notice_index)


@pytest.fixture
def fund(db):
    return FundFactory(name="物业管理费")


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
