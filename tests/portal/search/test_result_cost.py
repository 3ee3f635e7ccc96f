"""What the search page reads for each candidate and each shown result: what a search costs
follows the matches it lists, not the work of looking them up again."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from notices.factories import NoticePageFactory
from portal.search.bounded import PAGE_COLUMNS
from portal.search.internals import page_rows, ranked_queryset
from portal.search.query import build_query

pytestmark = pytest.mark.django_db


def test_candidates_are_listed_from_the_read_that_finds_them(client, notice_index):
    notices = [
        NoticePageFactory(
            parent=notice_index, title=f"第{n}号楼加装电梯公示", date=datetime.date(2026, 3, n + 1)
        )
        for n in range(12)
    ]
    client.get("/search/", {"q": "加装电梯"})  # warm caches (site, settings)
    with CaptureQueriesContext(connection) as queries:
        html = client.get("/search/", {"q": "加装电梯"}).content.decode()
    assert "找到 12 条结果" in html
    assert html.count('class="search-results__title"') == 10
    assert "2026年3月12日" in html  # the newest notice's own date, first
    # No query looks all the candidates up again for their titles and types: the index walk
    # read them (only their own dates are read from the notices' table).
    candidates = {notice.pk for notice in notices}
    for query in queries.captured_queries:
        for listed in re.findall(r" IN \(([\d, ]+)\)", query["sql"]):
            if {int(pk) for pk in listed.split(",")} >= candidates:
                assert '"wagtailcore_page"."title"' not in query["sql"], query["sql"]


@pytest.mark.parametrize("live_only", [True, False])
def test_the_columns_read_with_the_matches_are_the_pages_own(add_page, notice_index, live_only):
    """On each database (SQLite here, PostgreSQL in CI) the bounded search's columns are
    what the ORM reads: titles, content types, and first publication as an aware datetime."""
    pages = [add_page(f"路灯维修通知{n}") for n in range(3)]
    notice = NoticePageFactory(parent=notice_index, title="东门路灯维修公告")
    add_page("路灯维修草稿", live=False)
    pages_found = Page.objects.live() if live_only else Page.objects.all()
    results = pages_found.search(build_query("路灯维修", []))
    expected = list(ranked_queryset(results[:10]).values("pk", *PAGE_COLUMNS))
    rows = page_rows(results, 10)
    assert rows == expected
    assert {row["pk"] for row in rows} >= {page.pk for page in [*pages, notice]}
    assert all(row["first_published_at"].tzinfo is not None for row in rows if row["first_published_at"])


def test_a_search_of_a_model_that_is_not_a_page_reads_no_page_columns(site):
    from modelsearch.backends import get_search_backend

    from volunteers.factories import VolunteerTeamFactory
    from volunteers.models import VolunteerTeam

    team = VolunteerTeamFactory(site=site, name="社区调解队", description="化解邻里纠纷。")
    results = get_search_backend().search(build_query("调解", []), VolunteerTeam.objects.all())
    assert page_rows(results, 10) is None
    assert [found.pk for found in results[:10]] == [team.pk]
