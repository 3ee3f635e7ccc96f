"""Journey: a resident on a 390×844 phone objects to a notice in its 公示期, staff reply in the
admin, the resident reads the reply by 受理号 and code. The new public pages pass axe."""

import datetime

import pytest
from django.utils import timezone

from notices.factories import NoticeIndexPageFactory, NoticePageFactory
from notices.feedback.models import Feedback
from portal import roles
from tests.browser.conftest import DESKTOP, PHONE, horizontal_overflow
from tests.browser.journeys import admin_login, snap

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
OBJECTION = "公示名单中第三户家里有一辆营运货车，收入可能超过标准，请核实。"
REPLY = "经入户核实，该货车已于今年三月过户，家庭收入符合条件，公示结果维持不变。"


def no_serious_violations(axe, page):
    violations = axe(page)
    assert violations == [], (page.url, violations)


def test_a_resident_objects_staff_reply_and_the_resident_reads_it(
    new_page, home_page, make_user, password, axe
):
    make_user(roles.COMMUNITY_STAFF, username="staff1", first_name="王晓梅")
    today = timezone.localdate()
    notice = NoticePageFactory(
        parent=NoticeIndexPageFactory(parent=home_page),
        title="关于本月城乡低保审核结果的公示",
        slug="dibao",
        public_from=today - datetime.timedelta(days=1),
        public_until=today + datetime.timedelta(days=6),
        objection_office="社区居委会",
    )

    phone = new_page(viewport=PHONE)
    phone.goto(notice.url)
    assert "本公示期内收到异议 0 件" in phone.locator("main").inner_text()
    assert phone.get_by_role("link", name="我要反映").count() >= 1  # in the header of every page
    with phone.expect_navigation():
        phone.get_by_role("link", name="我要提出异议").click()
    assert phone.get_by_role("radio", name="对公示的异议").is_checked()
    assert "关于本月城乡低保审核结果的公示" in phone.locator("main").inner_text()
    assert horizontal_overflow(phone) <= 0
    no_serious_violations(axe, phone)
    phone.get_by_label("内容").fill(OBJECTION)
    phone.get_by_label("手机号码（可不填）").fill("139 0000 1234")
    snap(phone, "journey-feedback-1-form")
    with phone.expect_navigation():
        phone.get_by_role("button", name="提交").click()
    number = phone.locator("#receipt-number").inner_text()
    code = phone.locator("#receipt-code").inner_text()
    assert number.startswith("FK") and len(code) == 6
    no_serious_violations(axe, phone)
    snap(phone, "journey-feedback-2-receipt")
    item = Feedback.objects.get(number=number)
    assert item.kind == "objection" and item.notice_id == notice.pk

    desk = new_page(viewport=DESKTOP)
    admin_login(desk, "staff1", password)
    desk.goto("/admin/feedback/")
    with desk.expect_navigation():
        desk.get_by_role("link", name=number).click()
    assert OBJECTION in desk.locator("main").inner_text()
    assert "139****1234" in desk.locator("main").inner_text()
    desk.locator("#id_reply-text").fill(REPLY)
    with desk.expect_navigation():
        desk.get_by_role("button", name="公开答复").click()
    snap(desk, "journey-feedback-3-admin")
    item.refresh_from_db()
    assert item.status == "replied"

    phone.goto("/feedback/track/")
    phone.get_by_label("受理号").fill(number)
    phone.get_by_label("查询码（或留下的手机号码后 4 位）").fill(code)
    with phone.expect_navigation():
        phone.get_by_role("button", name="查询").click()
    text = phone.locator("main").inner_text()
    assert REPLY in text and "已答复" in text and "王晓梅" not in text
    assert horizontal_overflow(phone) <= 0
    no_serious_violations(axe, phone)
    snap(phone, "journey-feedback-4-track")

    for url in ("/feedback/", f"/feedback/{number}/", "/feedback/summary/", notice.url):
        phone.goto(url)
        assert "13900001234" not in phone.content() and "139 0000 1234" not in phone.content()
        assert horizontal_overflow(phone) <= 0
        no_serious_violations(axe, phone)
    assert "本公示期内收到异议 1 件，已答复 1 件" in phone.locator("main").inner_text()
