"""Searches are counted for editors' popular-search report, those the whole-page cache answers
included, without a database write for every cached page served."""

import datetime

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query

from portal.search import hits

pytestmark = pytest.mark.django_db


def counted(text, date=None):
    daily = Query.get(text).daily_hits.all()
    if date is not None:
        daily = daily.filter(date=date)
    return sum(h.hits for h in daily)


@pytest.fixture
def visited(client):
    """The site after its first page view (which creates its settings rows, a write that
    empties the page cache)."""
    client.get("/")
    return client


def test_searches_the_page_cache_answers_are_counted(visited, add_page):
    client = visited
    add_page("电梯年检结果公示")
    assert client.get("/search/", {"q": "电梯年检"})["X-Page-Cache"] == "miss"
    assert counted("电梯年检") == 1
    with CaptureQueriesContext(connection) as writes:
        for _ in range(4):
            assert client.get("/search/", {"q": "电梯年检"})["X-Page-Cache"] == "hit"
    # Written a moment ago: these wait in the server's memory, no write each.
    assert counted("电梯年检") == 1
    assert not any(q["sql"].startswith(("UPDATE", "INSERT")) for q in writes.captured_queries)
    # The next search the view renders (another results page here) writes what waited.
    client.get("/search/", {"q": "电梯年检", "page": "2"})
    assert counted("电梯年检") == 6


def test_a_minute_later_a_cached_search_writes_what_waited(visited, add_page, monkeypatch):
    client = visited
    add_page("电梯年检结果公示")
    for _ in range(3):
        client.get("/search/", {"q": "电梯年检"})
    assert counted("电梯年检") == 1
    monkeypatch.setattr(hits, "WINDOW", 0.0)  # the minute has passed
    client.get("/search/", {"q": "电梯年检"})
    assert counted("电梯年检") == 4


def test_hits_waiting_from_yesterday_go_to_yesterday(monkeypatch):
    today = timezone.localdate()
    yesterday = today - datetime.timedelta(days=1)
    monkeypatch.setattr(hits, "_today", lambda: yesterday)
    hits.record("防诈骗", cached=True)  # written
    hits.record("防诈骗", cached=True)  # waits
    hits.record("防诈骗", cached=True)  # waits
    monkeypatch.setattr(hits, "_today", lambda: today)
    hits.record("防诈骗")
    assert counted("防诈骗", yesterday) == 3
    assert counted("防诈骗", today) == 1


def test_other_cached_pages_and_empty_queries_count_nothing(visited, add_page):
    client = visited
    page = add_page("电梯年检结果公示")
    client.get(page.url)
    client.get(page.url)
    client.get("/search/", {"q": "  "})
    client.get("/search/", {"q": "  "})
    assert not Query.objects.exists()


def test_a_cached_search_is_counted_without_parsing_its_query(visited, add_page, monkeypatch):
    """Each process remembers a cached search's query text by its raw query string."""
    client = visited
    add_page("电梯年检结果公示")
    client.get("/search/", {"q": " 电梯年检 "})
    assert client.get("/search/", {"q": " 电梯年检 "})["X-Page-Cache"] == "hit"
    parsed = []
    real_init = QueryDict.__init__
    monkeypatch.setattr(QueryDict, "__init__", lambda *a, **k: parsed.append(1) or real_init(*a, **k))
    monkeypatch.setattr(hits, "WINDOW", 0.0)  # written at once
    assert client.get("/search/", {"q": " 电梯年检 "})["X-Page-Cache"] == "hit"
    assert parsed == []
    assert counted("电梯年检") == 3


def test_the_day_changes_at_local_midnight(monkeypatch):
    monkeypatch.setattr(hits, "_day", (None, 0.0))
    today = hits._today()
    assert today == timezone.localdate()
    day, ends = hits._day
    end = datetime.datetime.fromtimestamp(ends, tz=timezone.get_current_timezone())
    assert (end.date(), end.time()) == (today + datetime.timedelta(days=1), datetime.time(0))
