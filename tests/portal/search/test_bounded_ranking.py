"""Both database backends rank only the newest matches a search allows (COUNT_LIMIT + 1, or as
many as the results page asks for) and count from the same read, so a common word costs the
same at 200 pages as at 20,000; editors' page search still counts every match."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from home.models import HomePage
from notices.factories import NoticePageFactory
from portal.search import bounded
from portal.search.query import build_query

pytestmark = pytest.mark.django_db


@pytest.fixture
def limit(monkeypatch):
    def set_limit(n):
        monkeypatch.setattr(bounded, "COUNT_LIMIT", n)

    return set_limit


def search(text):
    return Page.objects.live().search(build_query(text, []))


def keys(results):
    return [page.pk for page in results]


def notice(parent, title, summary=""):
    return NoticePageFactory(parent=parent, title=title, summary=summary)


def test_only_the_newest_matches_are_ranked_and_a_later_page_reaches_older_ones(notice_index, limit):
    limit(2)  # three matches are ranked
    oldest_and_best = notice(notice_index, "电梯维修公告", "电梯维修安排：电梯维修期间请走楼梯。")
    newer = [notice(notice_index, f"近期安排{n}", "三号楼电梯维修。") for n in range(4)]

    first = keys(search("电梯维修")[:3])
    assert sorted(first) == sorted(p.pk for p in newer[1:])
    # A results page further on ranks more of them: the best match comes first again.
    assert keys(search("电梯维修")[:5])[0] == oldest_and_best.pk
    # A word that narrows the matches reaches it on the first page.
    assert keys(search("电梯维修 公告")[:3]) == [oldest_and_best.pk]


def test_a_search_reads_only_the_matches_it_ranks(add_page, limit, monkeypatch):
    from portal.search import scoring

    if connection.vendor != "sqlite":
        pytest.skip("scoring.py ranks the SQLite backend's candidates")
    limit(2)
    read = []
    ranked = scoring.ranked
    monkeypatch.setattr(scoring, "ranked", lambda rows, *args: read.append(len(rows)) or ranked(rows, *args))
    for n in range(8):
        add_page(f"路灯维修通知第{n}号")
    assert len(keys(search("路灯")[:3])) == 3
    assert read == [3]


def test_the_best_of_the_ranked_matches_comes_first(notice_index, limit):
    limit(5)
    weak = notice(notice_index, "近期安排", "三号楼电梯维修。")
    strong = notice(notice_index, "电梯维修通知", "电梯维修安排：电梯维修期间请走楼梯。")
    newest_weak = notice(notice_index, "其他安排", "五号楼电梯维修。")
    assert keys(search("电梯维修")[:3]) == [strong.pk, newest_weak.pk, weak.pk]


def test_count_is_exact_up_to_the_limit_and_more_than_it_past_it(add_page, limit):
    limit(5)
    for n in range(3):
        add_page(f"楼道清理通知第{n}号")
    assert search("楼道清理").count() == 3
    for n in range(3, 9):
        add_page(f"楼道清理通知第{n}号")
    assert search("楼道清理").count() == 6  # "more than 5"


def test_pages_the_search_excludes_take_no_place_among_the_ranked(add_page, home_page, limit):
    limit(1)  # two matches are ranked
    live = [add_page(f"消防检查通知{n}") for n in range(2)]
    for n in range(3):
        add_page(f"消防检查草稿{n}", live=False)
    other_home = Page.get_first_root_node().add_child(instance=HomePage(title="乐安社区", slug="lean"))
    Site.objects.create(hostname="lean.example.org", root_page=other_home)
    add_page("乐安社区消防检查", parent=other_home)

    results = search("消防检查")
    site_pages = Page.objects.live().descendant_of(home_page).search(build_query("消防检查", []))
    assert sorted(keys(site_pages[:10])) == sorted(p.pk for p in live)
    assert site_pages.count() == 2
    assert results.count() == 2  # "more than 1": every community's live pages


def test_a_results_page_and_its_count_read_the_index_once(add_page):
    for n in range(3):
        add_page(f"路灯维修通知{n}")
    results = search("路灯")
    with CaptureQueriesContext(connection) as queries:
        assert len(keys(results[:10])) == 3
        assert results.count() == 3
    assert sum("wagtailsearch_indexentry" in q["sql"] for q in queries.captured_queries) == 1


def test_editors_page_search_counts_every_match(client, add_page, limit, admin_user_role, password):
    limit(2)
    pages = [add_page(f"楼道清理通知第{n}号") for n in range(6)]
    client.login(username=admin_user_role.username, password=password)
    html = client.get("/admin/pages/search/", {"q": "楼道清理"}).content.decode()
    for page in pages:
        assert f"/admin/pages/{page.pk}/edit/" in html


@pytest.fixture
def sqlite_plans(monkeypatch):
    if connection.vendor != "sqlite":
        pytest.skip("the SQLite backend picks between two plans")
    from portal.search import sqlite_fast

    monkeypatch.setattr(sqlite_fast, "_few_entries", {})
    return sqlite_fast


def vm_steps(run):
    """SQLite virtual machine steps taken by `run()`: the work done, whatever the clock."""
    steps = [0]

    def count():
        steps[0] += 1
        return 0

    connection.ensure_connection()
    connection.connection.set_progress_handler(count, 1)
    try:
        result = run()
    finally:
        connection.connection.set_progress_handler(None, 1)
    return steps[0], result


def merge_index_segments():
    """FTS5's segments, merged into one as its automerge does in time: otherwise how many a
    lookup reads depends on the order of earlier writes, not on the search."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO wagtailsearch_indexentry_fts(wagtailsearch_indexentry_fts) VALUES('optimize')"
        )


def test_a_model_with_few_entries_costs_the_same_however_many_pages_have_the_word(
    add_page, site, sqlite_plans
):
    from modelsearch.backends import get_search_backend

    from volunteers.factories import VolunteerTeamFactory
    from volunteers.models import VolunteerTeam

    team = VolunteerTeamFactory(site=site, name="社区调解队", description="化解邻里纠纷。")
    VolunteerTeamFactory(site=site, name="助老服务队", description="陪伴独居老人。")

    def teams():
        query = build_query("社区", [])
        return [t.pk for t in get_search_backend().search(query, VolunteerTeam.objects.filter(site=site))[:3]]

    for n in range(3):
        add_page(f"社区通知第{n}号")
    assert teams() == [team.pk]  # warm: the plan is chosen once
    merge_index_segments()
    few, found = vm_steps(teams)
    for n in range(3, 60):
        add_page(f"社区通知第{n}号")
    merge_index_segments()
    many, found_later = vm_steps(teams)
    assert found == found_later == [team.pk]
    assert many <= few * 1.1, (few, many)


def test_both_plans_find_and_rank_the_same(add_page, limit, monkeypatch, sqlite_plans):
    limit(4)
    for n in range(9):
        add_page(f"路灯维修通知第{n}号" if n % 2 else f"路灯更换第{n}号，维修另行通知")
    results = {}
    for few in (0, 10_000):  # every model "large", then every model "few"
        monkeypatch.setattr(sqlite_plans, "FEW_ENTRIES", few)
        monkeypatch.setattr(sqlite_plans, "_few_entries", {})
        found = search("路灯 维修")
        results[few] = (keys(found[:3]), keys(found[3:5]), found.count())
    assert results[0] == results[10_000]
    assert len(results[0][0]) == 3 and results[0][2] == 5
