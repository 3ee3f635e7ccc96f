"""长辈版 and the basics of every page, in a real browser."""

import pytest

from tests.browser.conftest import DESKTOP, NARROW_PHONE, PHONE, font_size, horizontal_overflow

# The live server needs committed data; serialized_rollback restores what migrations created.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_large_text_mode_switches_on_stays_on_and_switches_off(new_page, home_page):
    page = new_page(viewport=PHONE)
    page.goto("/")
    assert font_size(page, "body") >= 18
    with page.expect_navigation():
        page.get_by_role("link", name="长辈版（大字）").click()
    assert page.evaluate("document.documentElement.classList.contains('elder')")
    assert font_size(page, "body") >= 24

    page.goto("/search/?q=电梯")
    assert font_size(page, "body") >= 24
    assert font_size(page, "h1") > font_size(page, "body")
    line_height = page.eval_on_selector("body", "el => parseFloat(getComputedStyle(el).lineHeight)")
    assert line_height >= 1.5 * 24
    spacing = page.eval_on_selector("main p", "el => parseFloat(getComputedStyle(el).marginBottom)")
    paragraph_line = page.eval_on_selector("main p", "el => parseFloat(getComputedStyle(el).lineHeight)")
    assert spacing >= 1.3 * paragraph_line

    with page.expect_navigation():
        page.get_by_role("link", name="退出长辈版").click()
    assert font_size(page, "body") < 24


def test_large_text_mode_is_reachable_by_keyboard(new_page, home_page):
    page = new_page(viewport=PHONE)
    page.goto("/")
    page.keyboard.press("Tab")  # skip link
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "跳到正文"
    for _ in range(5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('elder-switch')"):
            break
    assert page.evaluate("document.activeElement.classList.contains('elder-switch')")
    # Focus is visible: a solid outline on the focused control.
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert font_size(page, "body") >= 24


@pytest.mark.parametrize("elder", [False, True])
def test_touch_targets_and_no_horizontal_scroll_at_360px(new_page, home_page, live_server, elder):
    page = new_page(viewport=NARROW_PHONE)
    if elder:
        page.context.add_cookies([{"name": "elder_mode", "value": "1", "url": live_server.url}])
    page.goto("/")
    assert horizontal_overflow(page) <= 0
    minimum = 60 if elder else 44
    sizes = page.eval_on_selector_all(
        "header a, header button, header input",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [e.textContent.trim() || e.name, r.width, r.height]; })",
    )
    small = [s for s in sizes if s[2] < minimum - 0.5 or s[1] < minimum - 0.5]
    assert not small, small


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
def test_home_and_search_have_no_serious_accessibility_violations(
    new_page, axe, home_page, live_server, viewport, elder
):
    page = new_page(viewport=viewport)
    if elder:
        page.context.add_cookies([{"name": "elder_mode", "value": "1", "url": live_server.url}])
    for url in ("/", "/search/?q=电梯", "/search/?q=没有的内容", "/no-such-page/"):
        page.goto(url)
        assert axe(page) == [], url
