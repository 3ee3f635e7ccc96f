"""The board at any size: its year and tag filters and where each page starts are worked out
once per site write (site_memo), so a deep page costs what the first one does."""

import datetime

import pytest

from notices.factories import NoticePageFactory
from notices.models import NoticeIndexPage, NoticePage
from tests.rendering import sql_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def add_notices(board, count, **fields):
    for i in range(count):
        NoticePageFactory(
            parent=board,
            title=f"公告{i}",
            date=datetime.date(2024, 1, 1) + datetime.timedelta(days=i),
            **fields,
        )


@pytest.fixture
def small_pages(monkeypatch):
    monkeypatch.setattr(NoticeIndexPage, "per_page", 3)


def test_a_deep_page_asks_as_many_queries_as_the_first(client, notice_index, small_pages):
    add_notices(notice_index, 30)
    for url in ("/notices/", "/notices/?page=9"):
        client.get(url)
    first, first_sql = sql_of(client, "/notices/")
    deep, deep_sql = sql_of(client, "/notices/?page=9")
    assert len(deep_sql) == len(first_sql)
    assert [n.title for n in deep.context["notices"]] == ["公告5", "公告4", "公告3"]
    assert deep.context["page_obj"].paginator.num_pages == 10
    # Neither counts the notices nor looks for their years and tags again.
    assert not [sql for sql in deep_sql if "COUNT(" in sql or "DISTINCT" in sql]


def test_a_tags_deep_page_is_read_by_id(client, notice_index, small_pages):
    add_notices(notice_index, 30)
    for notice in NoticePage.objects.child_of(notice_index):
        notice.tags.add("电梯")
        notice.save()
    url = "/notices/?tag=电梯&page=9"
    client.get(url)
    client.get(url)
    response, sql = sql_of(client, url)
    assert [n.title for n in response.context["notices"]] == ["公告5", "公告4", "公告3"]
    assert response.context["page_obj"].paginator.num_pages == 10
    assert not [q for q in sql if "ORDER BY" in q and "notices_noticetag" in q]


def test_a_tag_or_year_no_notice_has_asks_nothing_about_notices(client, notice_index):
    add_notices(notice_index, 3)
    client.get("/notices/")  # the first view also saves the site's settings, a write
    client.get("/notices/")
    for url in ("/notices/?tag=没有这个标签", "/notices/?year=1999", "/notices/?category=party&tag=没有"):
        client.get(url)  # a category's years and tags are looked up on its first view
        response, sql = sql_of(client, url)
        assert "没有符合条件的公告" in response.content.decode()
        assert not [q for q in sql if "notices_noticebase" in q], url


def test_a_new_notice_its_year_and_tag_show_as_soon_as_it_is_published(client, notice_index, small_pages):
    add_notices(notice_index, 4)
    html = client.get("/notices/").content.decode()
    assert "2031年" not in html and "加装电梯" not in html
    notice = NoticePageFactory(parent=notice_index, title="新的公告", date=datetime.date(2031, 5, 1))
    notice.tags.add("加装电梯")
    notice.save()
    response = client.get("/notices/")
    html = response.content.decode()
    assert "2031年" in html and "加装电梯" in html
    assert [n.title for n in response.context["notices"]][0] == "新的公告"
    assert response.context["page_obj"].paginator.count == 5
    tagged = client.get("/notices/?tag=加装电梯")
    assert [n.title for n in tagged.context["notices"]] == ["新的公告"]
