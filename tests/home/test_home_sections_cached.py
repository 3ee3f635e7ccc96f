"""The home page's sections are rendered once and kept until anything on the site is written or
the day changes; a change is on the home page at the next request, cache or no cache."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from notices.factories import NoticeIndexPageFactory, NoticePageFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 30)


@pytest.fixture(autouse=True)
def no_page_cache(settings, monkeypatch):
    settings.PAGE_CACHE_ENABLED = False  # the sections' own cache is what is tested here
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY)


@pytest.fixture
def board(home_page):
    return NoticeIndexPageFactory(parent=home_page, slug="notices", show_in_menus=True)


def notice(board, title, until=TODAY):
    return NoticePageFactory(
        parent=board, title=title, public_from=TODAY - datetime.timedelta(days=3), public_until=until
    )


def test_a_second_view_reads_no_section_data(client, board):
    notice(board, "关于停水的通知")
    client.get("/")  # the first view creates the site's settings (a write)
    assert "关于停水的通知" in client.get("/").content.decode()
    with CaptureQueriesContext(connection) as queries:
        assert "关于停水的通知" in client.get("/").content.decode()
    assert [q["sql"] for q in queries if "notices_" in q["sql"]] == []


def test_a_published_notice_is_on_the_home_page_at_once(client, board):
    client.get("/")
    notice(board, "关于停电的通知")
    assert "关于停电的通知" in client.get("/").content.decode()


def test_an_unpublished_notice_leaves_at_once(client, board):
    page = notice(board, "关于停电的通知")
    assert "关于停电的通知" in client.get("/").content.decode()
    page.unpublish()
    assert "关于停电的通知" not in client.get("/").content.decode()


def test_a_notice_whose_period_ended_leaves_the_next_day(client, board, monkeypatch):
    notice(board, "关于停电的通知", until=TODAY)
    assert "关于停电的通知" in client.get("/").content.decode()
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: TODAY + datetime.timedelta(days=1))
    assert "关于停电的通知" not in client.get("/").content.decode()
