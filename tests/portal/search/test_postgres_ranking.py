"""PostgreSQL ranks a bounded candidate set (title matches first, then the newest) and counts up
to a limit, so a common word costs the same at 200 pages as at 20,000."""

import pytest
from django.db import connection
from wagtail.models import Page

from notices.factories import NoticePageFactory
from portal.search import views
from portal.search.query import build_query

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL backend's ranking"),
]


@pytest.fixture
def bounded(monkeypatch):
    from portal.search import postgres_fast

    monkeypatch.setattr(postgres_fast, "CANDIDATE_LIMIT", 2)
    monkeypatch.setattr(postgres_fast, "COUNT_LIMIT", 3)
    return postgres_fast


def search(text):
    return Page.objects.live().search(build_query(text, []))


def test_only_the_candidates_are_ranked_title_matches_first(bounded, notice_index):
    in_title = [
        NoticePageFactory(parent=notice_index, title=f"电梯维修通知{n}", slug=f"t{n}") for n in range(2)
    ]
    newest_in_body = NoticePageFactory(
        parent=notice_index, title="近期安排", slug="body", summary="三号楼电梯维修，请走楼梯。"
    )
    first_two = [p.pk for p in search("电梯维修")[:2]]
    assert sorted(first_two) == sorted(p.pk for p in in_title)
    # A later page of results widens the candidate set: nothing is lost by paging.
    assert newest_in_body.pk in [p.pk for p in search("电梯维修")[:3]]


def test_a_common_word_is_counted_up_to_the_limit(bounded, client, notice_index):
    for n in range(5):
        NoticePageFactory(parent=notice_index, title=f"楼道清理通知第{n}号", slug=f"l{n}")
    assert search("楼道清理").count() == 4  # COUNT_LIMIT + 1: "more than 3"
    assert views.count_limit() == 3
    html = client.get("/search/", {"q": "楼道清理"}).content.decode()
    assert "找到超过 3 条结果" in html


def test_the_search_is_the_bounded_one():
    from portal.search import postgres_fast

    backend_compiler = Page.objects.search("电梯").query_compiler
    assert isinstance(backend_compiler, postgres_fast.BoundedRankingCompilerMixin)
