"""The segmenting backend behind every search, the admin's included."""

import io

import pytest
from django.core.management import call_command
from wagtail.models import Page

from portal import roles

pytestmark = pytest.mark.django_db


def titles(results):
    return {p.title for p in results}


def test_word_inside_a_compound_is_found(add_page):
    add_page("关于三号楼电梯维修的通知")
    add_page("2025年第二季度物业管理费使用明细")
    assert titles(Page.objects.live().search("电梯")) == {"关于三号楼电梯维修的通知"}
    assert titles(Page.objects.live().search("物业")) == {"2025年第二季度物业管理费使用明细"}
    assert titles(Page.objects.live().search("使用明细 2025")) == {"2025年第二季度物业管理费使用明细"}


def test_a_query_that_needs_every_word_asks_for_whole_words_only(add_page):
    """The index holds a word's inner words wherever it holds the word, so a query needing every
    word finds the same pages without them (and bm25 counts each word once); a query needing
    any word keeps them, so a typo still finds pages with part of a compound."""
    from modelsearch.query import PlainText

    from portal.search.backend import segment_query

    assert segment_query(PlainText("监委会审核")).query_string == "监委会 审核"
    assert segment_query(PlainText("监委会", operator="or")).query_string == "监委 委会 监委会"
    add_page("监委会审核通过的公示")
    add_page("监委主任述职")
    assert titles(Page.objects.live().search("监委会")) == {"监委会审核通过的公示"}
    assert titles(Page.objects.live().search(PlainText("监委会", operator="or"))) == {
        "监委会审核通过的公示",
        "监委主任述职",
    }


def test_all_words_are_required(add_page):
    add_page("电梯维修通知")
    add_page("电梯加装意见征集")
    assert titles(Page.objects.search("电梯 维修")) == {"电梯维修通知"}


def test_query_of_only_punctuation_finds_nothing(add_page):
    add_page("电梯维修通知")
    assert list(Page.objects.search('"*()-^:')) == []


def test_admin_page_search_finds_chinese_words(client, add_page, make_user, password):
    add_page("关于加装电梯的意见征集")
    user = make_user(roles.SITE_ADMINS)
    client.login(username=user.username, password=password)
    response = client.get("/admin/pages/search/", {"q": "电梯"})
    assert response.status_code == 200
    assert "关于加装电梯的意见征集" in response.content.decode()


def test_index_follows_edits_and_deletes(add_page):
    page = add_page("垃圾分类宣传活动")
    assert titles(Page.objects.search("垃圾分类")) == {"垃圾分类宣传活动"}

    page.title = "消防安全演练活动"
    page.save_revision().publish()
    assert titles(Page.objects.search("垃圾分类")) == set()
    assert titles(Page.objects.search("消防")) == {"消防安全演练活动"}

    page.delete()
    assert titles(Page.objects.search("消防")) == set()


def test_update_index_rebuilds_with_progress(add_page):
    add_page("老旧小区改造公示")
    out = io.StringIO()
    call_command("update_index", stdout=out)
    assert "indexed" in out.getvalue()
    assert titles(Page.objects.search("改造")) == {"老旧小区改造公示"}


def test_postgresql_has_an_index_for_the_searched_expression():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'portal_indexentry_title_body_gin'")
        (definition,) = cursor.fetchone()
    assert "gin" in definition
    assert "title || body" in definition
