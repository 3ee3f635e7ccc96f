"""One pagination for every public list (portal.pagination and includes/pagination.html): the
page number is read the same way everywhere and the links keep the list's other parameters."""

import datetime
from types import SimpleNamespace
from urllib.parse import urlencode

import pytest
from django.test import RequestFactory
from django.utils import timezone
from django.utils.html import escape

from news.factories import NewsIndexPageFactory, PublicationPageFactory
from notices.factories import NoticeIndexPageFactory, NoticePageFactory
from portal.pagination import page_starts, paginate, paginate_from_keys
from tests.news.bulk import add_issues
from volunteers import factories as vf

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "page, shown",
    [("2", 2), ("", 1), ("abc", 1), ("0", 1), ("-1", 1), ("２", 1), ("99999999999999999999", 1)],
)
def test_paginate_reads_the_page_number(page, shown):
    page_obj = paginate(RequestFactory().get("/", {"page": page}), list(range(25)), 10)
    assert page_obj.number == shown


def test_paginate_shows_the_last_page_for_a_number_too_high():
    assert paginate(RequestFactory().get("/?page=9"), list(range(25)), 10).number == 3


def notice_board(home_page, monkeypatch):
    from notices.models import NoticeIndexPage

    monkeypatch.setattr(NoticeIndexPage, "per_page", 1)
    board = NoticeIndexPageFactory(parent=home_page)
    for day in (1, 2):
        NoticePageFactory(parent=board, category="party", date=datetime.date(2026, 3, day))
    return board.url, {"category": "party"}


def publication_archive(home_page, monkeypatch):
    monkeypatch.setattr("news.models.pages.ISSUES_PER_PAGE", 1)
    publication = PublicationPageFactory(parent=NewsIndexPageFactory(parent=home_page))
    add_issues(publication, 3)  # the newest is the current issue, the archive lists all three
    return publication.url, {"year": "2000"}


def volunteers(home_page, monkeypatch):
    monkeypatch.setattr("volunteers.models.pages.PER_PAGE", 1)
    board = vf.VolunteerBoardPageFactory(parent=home_page)
    team = vf.VolunteerTeamFactory(name="邻里守望服务队")
    for _ in range(2):
        vf.ServiceRecordFactory(volunteer=vf.VolunteerFactory(teams=[team], publish_consent=True), hours=5)
    period = vf.CommendationPeriodFactory(start_date=timezone.localdate() - datetime.timedelta(days=30))
    period.publish()
    period.entries.update(commended=True)
    return SimpleNamespace(board=board, team=team, period=period)


def volunteer_board(home_page, monkeypatch):
    v = volunteers(home_page, monkeypatch)
    return v.board.url, {"team": str(v.team.pk), "scope": "all"}


def team_page(home_page, monkeypatch):
    v = volunteers(home_page, monkeypatch)
    # A link shared in WeChat comes back with WeChat's own parameters; they stay harmless.
    return v.board.url + v.board.reverse_subpage("team", args=[v.team.pk]), {"from": "singlemessage"}


def period_page(home_page, monkeypatch):
    v = volunteers(home_page, monkeypatch)
    return v.board.url + v.board.reverse_subpage("period", args=[v.period.pk]), {"show": "commended"}


def role_model_index(home_page, monkeypatch):
    from volunteers.models import RoleModelIndexPage

    monkeypatch.setattr(RoleModelIndexPage, "per_page", 1)
    index = vf.RoleModelIndexPageFactory(parent=vf.VolunteerBoardPageFactory(parent=home_page))
    for _ in range(2):
        vf.RoleModelHonourFactory(page=vf.RoleModelPageFactory(parent=index), honour="中国好人", year=2023)
    return index.url, {"honour": "中国好人", "year": "2023"}


def search(home_page, monkeypatch):
    monkeypatch.setattr("portal.search.views.PER_PAGE", 1)
    board = NoticeIndexPageFactory(parent=home_page)
    for title in ("关于楼道清理的通知", "楼道清理结果公示"):
        NoticePageFactory(parent=board, title=title)
    return "/search/", {"q": "楼道清理", "type": "notices"}


@pytest.mark.parametrize(
    "build",
    [notice_board, publication_archive, volunteer_board, team_page, period_page, role_model_index, search],
)
def test_every_paginated_page_keeps_its_parameters_in_the_page_links(client, home_page, monkeypatch, build):
    url, params = build(home_page, monkeypatch)
    first = client.get(url, params).content.decode()
    assert first.count('<nav class="pagination" aria-label="翻页">') == 1
    next_link = escape("?" + urlencode({**params, "page": 2}))
    assert f'<a rel="next" href="{next_link}">下一页</a>' in first
    assert 'rel="prev"' not in first
    second = client.get(url, {**params, "page": "2"}).content.decode()
    previous_link = escape("?" + urlencode({**params, "page": 1}))
    assert "第 2 / " in second and f'<a rel="prev" href="{previous_link}">上一页</a>' in second


def keyset_board(home_page, count):
    board = NoticeIndexPageFactory(parent=home_page)
    for i in range(count):
        # Pairs of notices share a date, so the id has to break the tie.
        NoticePageFactory(
            parent=board, title=f"第{i}号", date=datetime.date(2025, 1, 1) + datetime.timedelta(days=i // 2)
        )
    return board


@pytest.mark.parametrize("page", ["1", "2", "3", "4", "99", "abc"])
def test_paginate_from_keys_gives_the_same_pages_as_offsets(home_page, page):
    from notices.models import NoticeBase

    board = keyset_board(home_page, 11)
    notices = NoticeBase.objects.child_of(board)
    order = ("-date", "-pk")
    request = RequestFactory().get("/", {"page": page})
    expected = paginate(request, notices.order_by(*order), 3)
    got = paginate_from_keys(request, notices, order, 3, page_starts(notices, order, 3))
    assert (got.number, got.paginator.count, got.paginator.num_pages) == (
        expected.number,
        expected.paginator.count,
        expected.paginator.num_pages,
    )
    assert [n.pk for n in got] == [n.pk for n in expected]


def test_paginate_from_keys_asks_one_query_at_any_depth(home_page, django_assert_num_queries):
    from notices.models import NoticeBase

    board = keyset_board(home_page, 40)
    notices = NoticeBase.objects.child_of(board)
    order = ("-date", "-pk")
    starts = page_starts(notices, order, 3)
    for page in ("1", "7", "14"):
        with django_assert_num_queries(1):
            page_obj = paginate_from_keys(
                RequestFactory().get("/", {"page": page}), notices, order, 3, starts
            )
        assert len(page_obj) == (1 if page == "14" else 3)


def test_paginate_from_keys_of_nothing_is_one_empty_page(home_page, django_assert_num_queries):
    from notices.models import NoticeBase

    with django_assert_num_queries(0):
        page_obj = paginate_from_keys(
            RequestFactory().get("/?page=3"), NoticeBase.objects.none(), ("-pk",), 3, (0, [])
        )
    assert (page_obj.number, list(page_obj), page_obj.has_other_pages()) == (1, [], False)
