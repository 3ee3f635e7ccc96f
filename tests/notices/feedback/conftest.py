"""Fixtures for the feedback tests: a clean cache (rate limits) and clock, the board, users."""

import datetime

import pytest
from django.core.cache import cache

from notices.factories import NoticePageFactory
from portal import roles, workdays

D = datetime.date


@pytest.fixture(autouse=True)
def clean_state():
    cache.clear()
    workdays.clear_cache()
    yield
    cache.clear()
    workdays.clear_cache()


@pytest.fixture
def today(monkeypatch):
    """Pretend it is Monday 30 November 2026 in Shanghai."""
    day = D(2026, 11, 30)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: day)
    return day


@pytest.fixture
def open_notice(notice_index, today):
    """A notice in its 公示期 today."""
    notice = NoticePageFactory(
        parent=notice_index,
        title="关于2026年度低保对象初审结果的公示",
        slug="dibao",
        public_from=today - datetime.timedelta(days=2),
        public_until=today + datetime.timedelta(days=6),
    )
    return notice


@pytest.fixture
def grid_worker(make_user):
    return make_user(roles.GRID_WORKERS, username="grid", first_name="刘网格")


@pytest.fixture
def committee_member(make_user):
    return make_user(roles.COMMITTEE, username="member", first_name="周德明")
