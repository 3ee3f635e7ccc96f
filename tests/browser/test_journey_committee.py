"""Journey: two committee members each approve a pending disclosure; it is live with both names."""

import pytest
from playwright.sync_api import expect

from notices.factories import (
    FinancialDisclosureIndexPageFactory,
    FundFactory,
    NoticeIndexPageFactory,
    make_disclosure,
)
from portal import roles
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.journeys import Clicks, admin_login, snap

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_two_members_approve_and_the_disclosure_goes_live(new_page, home_page, make_user, password):
    staff = make_user(roles.COMMUNITY_STAFF, username="staff1", first_name="王晓梅")
    make_user(roles.COMMITTEE, username="committee1", first_name="周德明")
    make_user(roles.COMMITTEE, username="committee2", first_name="吴桂英")
    board = NoticeIndexPageFactory(parent=home_page)
    finance = FinancialDisclosureIndexPageFactory(parent=board)
    disclosure = make_disclosure(
        finance,
        title="2026年第一季度物业管理费使用明细",
        slug="q1",
        fund=FundFactory(name="物业管理费"),
        user=staff,
    )
    disclosure.get_workflow().start(disclosure, staff)

    # Two clicks from the dashboard to an approval: the title in 等待你的审查, then 审核通过 on the
    # review page, which shows the figures first; on a phone as on a desktop.
    outcomes = {"committee1": "已有 1/2 位成员审核通过", "committee2": "已有 2/2 位成员审核通过"}
    for username, viewport in (("committee1", PHONE), ("committee2", DESKTOP)):
        page = new_page(viewport=viewport)
        admin_login(page, username, password)
        snap(page, f"journey-committee-{username}-dashboard")
        clicks = Clicks()
        panel = page.get_by_role("region", name="等待你的审查")
        with page.expect_navigation():
            clicks.click(panel.get_by_role("link", name="2026年第一季度物业管理费使用明细"))
        expect(page.locator("main")).to_contain_text("收支明细")
        expect(page.locator("main")).to_contain_text("核验码")
        expect(page.get_by_role("button", name="取消工作流")).to_have_count(0)
        snap(page, f"journey-committee-{username}-review")
        with page.expect_navigation():
            clicks.click(page.get_by_role("button", name="审核通过", exact=True))
        expect(page.get_by_role("status")).to_contain_text(outcomes[username])
        snap(page, f"journey-committee-{username}-after")
        assert clicks.count == 2
        page.context.close()

    disclosure.refresh_from_db()
    assert disclosure.live
    public = new_page()
    public.goto(disclosure.url)
    text = public.locator("main").inner_text()
    snap(public, "journey-committee-public")
    assert "监委会审核" in text
    assert "周德明" in text
    assert "吴桂英" in text
