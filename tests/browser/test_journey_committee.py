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
from tests.browser.conftest import DESKTOP
from tests.browser.journeys import admin_login, snap

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

    for username in ("committee1", "committee2"):
        page = new_page(viewport=DESKTOP)
        admin_login(page, username, password)
        snap(page, f"journey-committee-{username}-dashboard")
        row = page.locator("tr, li, .listing__item").filter(has_text="2026年第一季度物业管理费使用明细").first
        row.get_by_role("button").last.click()
        snap(page, f"journey-committee-{username}-actions")
        page.get_by_role("button", name="审核通过", exact=True).click()
        # The review opens with the figures and the 核验码 of exactly what is being approved.
        dialog = page.get_by_role("dialog")
        expect(dialog).to_contain_text("核验码")
        expect(dialog).to_contain_text("收支明细")
        snap(page, f"journey-committee-{username}-review")
        with page.expect_navigation():
            dialog.get_by_role("button", name="审核通过", exact=True).click()
        snap(page, f"journey-committee-{username}-after")
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
