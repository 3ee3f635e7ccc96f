"""Volunteer pages in a real browser: no serious WCAG violations, no horizontal scroll at 360 px,
large enough touch targets. Skips without Chromium (see tests/browser/conftest.py)."""

import datetime
from decimal import Decimal

import pytest

from tests.browser.conftest import NARROW_PHONE, PHONE, horizontal_overflow
from volunteers.factories import (
    CommendationPeriodFactory,
    RoleModelHonourFactory,
    RoleModelPageFactory,
    ServiceRecordFactory,
    VolunteerFactory,
    VolunteerTeamFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def volunteer_urls(board, role_index):
    team = VolunteerTeamFactory(name="邻里守望服务队", description="巡访独居老人。")
    volunteers = []
    for i, name in enumerate(["王秀英", "欧阳建国", "李玉兰", "张德明"]):
        v = VolunteerFactory(
            real_name=name, teams=[team], publish_consent=i == 0, consent_date=datetime.date(2025, 1, 1)
        )
        ServiceRecordFactory(volunteer=v, team=team, hours=Decimal(20 + i))
        volunteers.append(v)
    period = CommendationPeriodFactory(
        title="2026年上半年", start_date=datetime.date(2026, 1, 1), commend_min_hours=10
    )
    period.publish()
    rm = RoleModelPageFactory(
        parent=role_index, real_name="赵桂兰", publish_consent=True, consent_date=datetime.date(2024, 1, 1)
    )
    RoleModelHonourFactory(page=rm, honour="中国好人", year=2024)
    RoleModelPageFactory(parent=role_index, real_name="孙海燕")  # no consent: placeholder portrait
    return [
        "/volunteers/",
        f"/volunteers/v/{volunteers[0].public_id}/",
        f"/volunteers/team/{team.pk}/",
        f"/volunteers/period/{period.pk}/",
        "/volunteers/role-models/",
        rm.url,
        "/",
    ]


def test_volunteer_pages_in_a_browser(new_page, axe, volunteer_urls, live_server):
    # One test: each transactional browser test flushes and restores the database.
    page = new_page(viewport=PHONE)
    for url in volunteer_urls:
        page.goto(url)
        assert axe(page) == [], url

    page = new_page(viewport=NARROW_PHONE)
    for url in volunteer_urls:
        page.goto(url)
        assert horizontal_overflow(page) <= 0, url
        sizes = page.eval_on_selector_all(
            "main a, main button, main select, main input:not([type=hidden])",
            # Controls folded inside a closed 筛选 control are not on screen.
            "els => els.filter(e => e.getClientRects().length).map(e => { const r = e.getBoundingClientRect(); return [e.textContent.trim() || e.name, r.width, r.height]; })",
        )
        small = [s for s in sizes if s[2] < 43.5]
        assert not small, (url, small)

    # The gallery shows each name under its portrait on one line, on the gallery and on home.
    for url in ("/volunteers/role-models/", "/"):
        for elder in (False, True):
            page = new_page(viewport=PHONE)
            if elder:
                page.context.add_cookies([{"name": "elder_mode", "value": "1", "url": live_server.url}])
            page.goto(url)
            cards = page.eval_on_selector_all(
                ".rm-gallery li",
                """els => els.map(li => { const pic = li.querySelector('img, .rm-placeholder').getBoundingClientRect();
                   const name = li.querySelector('strong'); const r = name.getBoundingClientRect();
                   return [name.textContent, pic.width, pic.bottom, r.top, r.height,
                           parseFloat(getComputedStyle(name).lineHeight)]; })""",
            )
            assert len(cards) == 2, url
            for name, width, picture_bottom, name_top, height, line in cards:
                assert width >= 120, (url, name, width)
                assert name_top >= picture_bottom - 0.5, (url, name)
                assert height < 1.5 * line, (url, name, "wraps")


def test_listings_fold_their_filters_into_one_control(new_page, volunteer_urls, live_server):
    page = new_page(viewport=PHONE)
    for url, first in (("/volunteers/", ".vol-ranking li"), ("/volunteers/role-models/", ".rm-gallery li")):
        page.goto(url)
        summary = page.locator("details.filters summary")
        assert summary.inner_text().startswith("筛选")
        assert not page.locator(".vol-filter select").first.is_visible()
        assert page.locator(first).first.evaluate("e => e.getBoundingClientRect().top") < PHONE["height"]
        summary.click()
        assert page.locator(".vol-filter select").first.is_visible()
    page.locator(".vol-filter select[name=honour]").select_option("中国好人")
    with page.expect_navigation():
        page.locator(".vol-filter button[type=submit]").click()
    assert "中国好人" in page.locator("details.filters summary").inner_text()
