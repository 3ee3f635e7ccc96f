"""The board, a notice and a disclosure on a 360 px phone: no sideways scrolling, large text,
thumb-sized filter links, no serious accessibility violations (axe)."""

import datetime

import pytest
from django.utils import timezone

from notices.factories import (
    FinancialDisclosureIndexPageFactory,
    FundFactory,
    NoticeIndexPageFactory,
    NoticePageFactory,
    make_disclosure,
)
from tests.browser.conftest import NARROW_PHONE, PHONE, font_size, horizontal_overflow

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LONG_ROWS = [
    (
        3,
        "income",
        "地面公共车位临时停车收益（含东门、西门两处道闸系统）",
        "历山名郡停车管理站",
        "12650.00",
        "2026-1-001",
    ),
    (
        10,
        "expense",
        "公共区域保洁服务费（1—3月，含地下车库）",
        "济南洁美保洁服务有限公司",
        "9600.00",
        "2026-1-002",
    ),
]


@pytest.fixture
def board(home_page):
    today = timezone.localdate()
    index = NoticeIndexPageFactory(parent=home_page)
    finance = FinancialDisclosureIndexPageFactory(parent=index)
    notice = NoticePageFactory(
        parent=index,
        title="关于历山名郡小区3号楼2单元加装电梯意见征询结果及施工安排的公示",
        slug="dianti",
        public_from=today,
        public_until=today + datetime.timedelta(days=6),
        objection_office="社区居委会办公室",
        objection_phone="0531-8866 1234",
        body=[
            ("paragraph", "<p>同意加装的住户占本单元住户总数的91.7%，符合规定。</p>"),
            (
                "table",
                {
                    "data": [["单元", "同意户数", "不同意户数"], ["2单元", "11", "1"]],
                    "first_row_is_table_header": True,
                },
            ),
        ],
    )
    disclosure = make_disclosure(
        finance, fund=FundFactory(name="物业管理费"), rows=LONG_ROWS, publish=True, slug="wuye-2026q1"
    )
    return notice, disclosure


def test_pages_fit_a_360px_phone(new_page, axe, board):  # noqa: F811
    # Fixed paths: page.url may be absolute when another test left a second site in the cache.
    page = new_page(viewport=NARROW_PHONE)
    for url, text in (
        ("/notices/", ".notice-list a"),
        ("/notices/?category=finance", ".notice-list a"),
        ("/notices/dianti/", ".notice-body p"),
        ("/notices/finance/wuye-2026q1/", ".ledger td"),
    ):
        page.goto(url)
        assert horizontal_overflow(page) <= 0, url
        assert font_size(page, text) >= 18, url
        assert axe(page) == [], url
    page.goto("/notices/")
    page.locator(".filters summary").click()
    for box in page.locator(".filter-links a").evaluate_all(
        "links => links.map(a => a.getBoundingClientRect()).map(r => [r.width, r.height])"
    ):
        assert box[0] >= 44 and box[1] >= 44
    # The ledger stacks into labelled cards: no table header row is visible on a phone.
    page.goto("/notices/finance/wuye-2026q1/")
    for head in page.locator(".ledger thead").all():
        assert not head.is_visible() or head.bounding_box()["height"] <= 1
    cell = page.locator('.ledger td[data-label="项目"]').first
    assert cell.evaluate("td => getComputedStyle(td).display") == "block"
    assert "项目" in cell.evaluate("td => getComputedStyle(td, '::before').content")


def top_of(page, selector):
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + window.scrollY")


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_first_screen_shows_the_main_content_on_a_phone(new_page, board, live_server, elder):
    notice, disclosure = board
    # More notices and tags than fit, as on a real board.
    index = notice.get_parent()
    for i in range(12):
        extra = NoticePageFactory(parent=index, title=f"第{i}号通知", slug=f"n{i}")
        extra.tags.add(f"标签{i}")
        extra.save()
    page = new_page(viewport=PHONE)
    if elder:
        page.context.add_cookies([{"name": "elder_mode", "value": "1", "url": live_server.url}])
    height = PHONE["height"]

    page.goto("/notices/")
    # Filters collapse into one 筛选 control; the first notice is on the first screen.
    assert page.locator("details.filters summary").inner_text().startswith("筛选")
    assert not page.locator(".filter-links a").first.is_visible()
    assert top_of(page, ".notice-list li") + 40 < height
    page.locator("details.filters summary").click()
    page.get_by_role("link", name="财务公开").click()
    page.wait_for_url("**category=finance**")
    assert "财务公开" in page.locator("details.filters summary").inner_text()
    assert page.locator(".notice-list li").count() == 1

    # The disclosure puts its totals, sign-off and 公示期 first.
    page.goto("/notices/finance/wuye-2026q1/")
    assert top_of(page, ".signoff") < top_of(page, ".ledger")
    if not elder:
        assert top_of(page, ".signoff") + 30 < height
    # Dates and amounts never break across lines.
    for line_count in page.locator("main time, main .amount").evaluate_all(
        """els => els.map(e => e.getClientRects().length)"""
    ):
        assert line_count == 1
