import datetime

import pytest
from django.utils import timezone
from wagtail.models import Page

from home.models import HomePage
from notices.factories import NoticePageFactory, make_disclosure, publish_through_committee
from notices.models import FinancialDisclosureIndexPage, FinancialDisclosurePage, NoticeIndexPage, NoticePage

pytestmark = pytest.mark.django_db


def titles(response):
    return [n.title for n in response.context["notices"]]


def test_lists_live_notices_newest_first_with_category_date_and_status(client, notice_index, finance_index):
    today = timezone.localdate()
    NoticePageFactory(parent=notice_index, title="旧公告", date=datetime.date(2024, 5, 1))
    NoticePageFactory(
        parent=notice_index,
        title="加装电梯公示",
        category="government",
        date=today,
        public_from=today,
        public_until=today + datetime.timedelta(days=4),
    )
    NoticePageFactory(parent=notice_index, title="草稿", live=False)
    make_disclosure(finance_index, title="一季度物业费明细", publish=True, date=datetime.date(2025, 4, 3))

    response = client.get("/notices/")
    assert response.status_code == 200
    assert titles(response) == ["加装电梯公示", "一季度物业费明细", "旧公告"]
    html = response.content.decode()
    assert "政务公开" in html and "财务公开" in html
    assert "公示中·剩5天" in html
    assert "长期公开" in html
    assert f"{today.year}年{today.month}月{today.day}日" in html
    assert "草稿" not in html


def test_filters_combine_and_show_as_links(client, notice_index):
    NoticePageFactory(
        parent=notice_index, title="党费收缴情况", category="party", date=datetime.date(2025, 1, 10)
    )
    p = NoticePageFactory(
        parent=notice_index, title="党员大会决议", category="party", date=datetime.date(2024, 12, 1)
    )
    NoticePageFactory(
        parent=notice_index, title="停水通知", category="residents", date=datetime.date(2025, 3, 1)
    )
    p.tags.add("党员大会")
    p.save_revision().publish()

    assert titles(client.get("/notices/?category=party")) == ["党费收缴情况", "党员大会决议"]
    assert titles(client.get("/notices/?category=party&year=2025")) == ["党费收缴情况"]
    assert titles(client.get("/notices/?tag=党员大会")) == ["党员大会决议"]
    assert titles(client.get("/notices/?category=residents&tag=党员大会")) == []
    html = client.get("/notices/?category=party").content.decode()
    assert 'href="?category=party&amp;year=2024"' in html  # year archive keeps the category
    assert 'href="?category=residents"' in html
    assert "2025年" in html and "2024年" in html
    assert 'href="?tag=%E5%85%9A%E5%91%98%E5%A4%A7%E4%BC%9A"' in client.get("/notices/").content.decode()


@pytest.mark.parametrize(
    "query",
    [
        "?page=abc",
        "?page=99999",
        "?page=-1",
        "?year=abcd",
        "?year=99999999999999999999",
        "?year=²",
        "?tag=%00abc",
        "?year=2025.5",
        "?category=unknown",
        "?tag=" + "长" * 500,
        "?category=party&year=1&page=0",
        "feed/?category=nope",
    ],
)
def test_bad_parameters_give_a_normal_page(client, notice_index, query):
    NoticePageFactory(parent=notice_index)
    response = client.get("/notices/" + query)
    assert response.status_code == 200


def test_unknown_category_is_ignored(client, notice_index):
    NoticePageFactory(parent=notice_index, title="停水通知")
    assert titles(client.get("/notices/?category=unknown")) == ["停水通知"]


def test_twenty_a_page(client, notice_index):
    for i in range(25):
        NoticePageFactory(
            parent=notice_index,
            title=f"公告{i:02d}",
            date=datetime.date(2025, 1, 1) + datetime.timedelta(days=i),
        )
    first = client.get("/notices/")
    assert len(titles(first)) == 20
    assert titles(first)[0] == "公告24"
    second = client.get("/notices/?page=2")
    assert titles(second) == [f"公告{i:02d}" for i in range(4, -1, -1)]
    assert 'href="?page=2"' in first.content.decode()
    assert titles(client.get("/notices/?page=99999")) == titles(second)


def bulk_notices(index_page, count):
    for i in range(count):
        index_page.add_child(
            instance=NoticePage(
                title=f"公告{i}",
                slug=f"n{i}",
                category=["party", "government", "residents"][i % 3],
                date=datetime.date(2023, 1, 1) + datetime.timedelta(days=i),
            )
        )
        index_page.refresh_from_db(fields=["numchild", "path", "depth"])


@pytest.mark.parametrize("count", [10, 500])
def test_board_runs_bounded_queries(client, notice_index, django_assert_max_num_queries, count):
    bulk_notices(notice_index, count)
    client.get("/notices/")  # warm site caches
    with django_assert_max_num_queries(18):
        response = client.get("/notices/?category=party&page=2")
    assert response.status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get("/notices/").status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get("/notices/feed/").status_code == 200


def test_page_tree(notice_index, finance_index):
    assert NoticeIndexPage.can_exist_under(HomePage.objects.first())
    assert not NoticeIndexPage.can_create_at(notice_index.get_parent())  # one per site
    assert NoticePage.can_exist_under(notice_index)
    assert not NoticePage.can_exist_under(finance_index)
    assert FinancialDisclosurePage.can_exist_under(finance_index)
    assert not FinancialDisclosurePage.can_exist_under(notice_index)
    assert not FinancialDisclosureIndexPage.can_create_at(notice_index)  # already has one
    assert not NoticeIndexPage.can_exist_under(Page.get_first_root_node())


def test_finance_index_redirects_to_the_filtered_board(client, finance_index):
    response = client.get("/notices/finance/")
    assert response.status_code == 302
    assert response["Location"] == "/notices/?category=finance"


@pytest.mark.parametrize(
    ("utc_moment", "label"),
    [
        (datetime.datetime(2026, 5, 7, 15, 59, tzinfo=datetime.UTC), "公示中·剩1天"),  # 23:59 in Shanghai
        (datetime.datetime(2026, 5, 7, 16, 0, tzinfo=datetime.UTC), "公示已结束"),  # midnight in Shanghai
    ],
)
def test_board_status_turns_at_shanghai_midnight(client, notice_index, monkeypatch, utc_moment, label):
    NoticePageFactory(
        parent=notice_index,
        date=datetime.date(2026, 5, 1),
        public_from=datetime.date(2026, 5, 1),
        public_until=datetime.date(2026, 5, 7),
    )
    monkeypatch.setattr(timezone, "now", lambda: utc_moment)
    assert label in client.get("/notices/").content.decode()


def test_one_filter_control_offers_only_the_chosen_categorys_years_and_tags(
    client, notice_index, finance_index
):
    dues = NoticePageFactory(
        parent=notice_index, title="党费收缴情况", category="party", date=datetime.date(2023, 1, 10)
    )
    dues.tags.add("党费")
    dues.save_revision().publish()
    fees = make_disclosure(finance_index, title="一季度物业费明细", date=datetime.date(2026, 4, 3))
    fees.tags.add("物业费")
    fees.save_revision()
    publish_through_committee(fees)

    html = client.get("/notices/").content.decode()
    assert html.count("<details") == 1 and '<summary class="filters__summary">筛选' in html
    assert "全部类别" in html and "清除筛选" not in html
    assert "?tag=%E5%85%9A%E8%B4%B9" in html  # 党费 offered on the whole board

    html = client.get("/notices/?category=finance").content.decode()
    summary = html[html.index("<summary") : html.index("</summary>")]
    assert "财务公开" in summary
    assert "清除筛选" in html
    assert "%E5%85%9A%E8%B4%B9" not in html  # no 党费 tag under 财务公开
    assert "%E7%89%A9%E4%B8%9A%E8%B4%B9" in html  # 物业费 is
    assert "2023年" not in html and "2026年</a>" in html
