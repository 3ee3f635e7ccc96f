"""`make bench-search`'s command, on a tiny corpus."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def test_benchmark_builds_pages_of_the_root_type_and_times_queries(home_page):
    out = io.StringIO()
    call_command("search_benchmark", small=5, middle=8, large=12, queries=3, stdout=out)
    report = out.getvalue()
    assert "     8 页：建索引" in report
    assert "    12 页：建索引" in report
    assert "12 页与 5 页的中位数之比" in report
    assert "12 页与 8 页的中位数之比" in report
    assert "3 次查询 中位数" in report
    pages = Page.objects.child_of(home_page).specific()
    assert pages.count() == 12
    assert {type(p) for p in pages} == {type(home_page)}
    assert all("本事项涉及" in p.intro for p in pages)
    assert Page.objects.live().search("本事项涉及").count() == 12


def test_benchmark_refuses_a_database_with_content(add_page):
    add_page("已有内容")
    with pytest.raises(CommandError, match="新建的空数据库"):
        call_command("search_benchmark", small=1, large=2, queries=1)
