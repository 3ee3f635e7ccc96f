"""Journey: a resident on a phone finds a financial disclosure, its CSV, searches, and reads in 长辈版."""

import pytest

from tests.browser.conftest import PHONE, font_size, horizontal_overflow
from tests.browser.journeys import snap
from tests.corpus import build_corpus

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_resident_on_a_phone(new_page, home_page):
    pages = build_corpus(home_page)
    page = new_page(viewport=PHONE)
    page.goto("/")
    snap(page, "journey-resident-1-home")

    with page.expect_navigation():
        page.get_by_role("navigation", name="主导航").get_by_role("link", name="公开栏").click()
    assert page.url.endswith(pages["board"].url)

    # The filters wait behind one 筛选 control, so the first notices are on the first screen.
    page.locator("details.filters summary").click()
    with page.expect_navigation():
        page.get_by_role("navigation", name="筛选公告").get_by_role("link", name="财务公开").click()
    assert "category=finance" in page.url
    snap(page, "journey-resident-2-finance")
    assert horizontal_overflow(page) <= 0

    with page.expect_navigation():
        page.get_by_role("link", name="2025年第二季度物业管理费使用明细").click()
    text = page.locator("main").inner_text()
    assert "期末余额" in text and "本期收入" in text
    snap(page, "journey-resident-3-disclosure")

    with page.expect_download() as download:
        page.get_by_role("link", name="下载明细表（CSV，可用 Excel 打开）").click()
    csv = download.value.path().read_bytes().decode("utf-8-sig")
    assert csv.splitlines()[0] == "日期,收支,项目,对方,金额,凭证号"
    assert "电梯维保费" in csv

    page.get_by_role("searchbox", name="搜索本站").fill("物业费")
    with page.expect_navigation():
        page.get_by_role("search").first.get_by_role("button", name="搜索").click()
    snap(page, "journey-resident-4-search")
    results = page.locator(".search-results__title")
    assert results.count() >= 1
    with page.expect_navigation():
        results.first.click()
    assert "物业管理费" in page.locator("h1").inner_text()

    with page.expect_navigation():
        page.get_by_role("link", name="长辈版（大字）").click()
    assert font_size(page, "body") >= 24
    with page.expect_navigation():
        page.get_by_role("navigation", name="主导航").get_by_role("link", name="社区报").click()
    assert font_size(page, "body") >= 24
    assert horizontal_overflow(page) <= 0
    snap(page, "journey-resident-5-elder")
    with page.expect_navigation():
        page.get_by_role("link", name="退出长辈版").click()
    assert font_size(page, "body") < 24
