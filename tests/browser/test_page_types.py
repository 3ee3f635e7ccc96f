"""Every public page type, at phone and desktop width, in normal mode and 长辈版: no serious or
critical axe violations, no horizontal scrolling, readable text; and the page weight budget."""

import pytest

from tests.browser.conftest import DESKTOP, NARROW_PHONE, font_size, horizontal_overflow
from tests.browser.journeys import snap
from tests.corpus import build_corpus
from volunteers.models import Volunteer

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

WEIGHT_BUDGET = 200 * 1024

# Links and controls outside running text (paragraphs, table cells...) that are smaller than
# `min` CSS pixels in either direction.
SMALL_TARGETS = """(min) => [...document.querySelectorAll('a[href], button, input, select, summary')]
  .filter(e => e.offsetParent !== null && !e.closest('p, td, th, dd, figcaption, blockquote'))
  .map(e => { const r = e.getBoundingClientRect(); return [e.outerHTML.slice(0, 80), r.width, r.height]; })
  .filter(([_, w, h]) => w < min - 0.5 || h < min - 0.5)"""

# Visible text smaller than `min` CSS pixels: every element with text of its own is checked.
SMALL_TEXT = """(min) => [...document.querySelectorAll('body *')]
  .filter(e => [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()))
  .filter(e => e.getClientRects().length && !e.closest('.visually-hidden, [hidden], svg'))
  .map(e => [e.tagName + '.' + e.className + ' ' + e.textContent.trim().slice(0, 20),
             parseFloat(getComputedStyle(e).fontSize)])
  .filter(([_, size]) => size < min - 0.1)"""


def public_urls(pages):
    board = pages["volunteer_board"]
    volunteer = Volunteer.objects.order_by("pk").first()
    return {
        "home": "/",
        "notice-board": pages["board"].url,
        "notice-board-finance": pages["board"].url + "?category=finance",
        "notice": pages["lift"].url,
        "notice-problems": pages["problems"].url,
        "notice-print": pages["lift"].url + "print/",
        "disclosure": pages["fees"].url,
        "news-index": pages["news"].url,
        "publication": pages["paper_kuaibao"].url,
        "issue": pages["issue35"].url,
        "article": pages["feast"].url,
        "volunteer-board": board.url,
        "volunteer-profile": board.url + board.reverse_subpage("profile", args=[volunteer.public_id]),
        "volunteer-team": board.url + board.reverse_subpage("team", args=[pages["team"].pk]),
        "role-models": pages["gallery"].url,
        "role-model": pages["barber"].url,
        "search": "/search/?q=电梯",
        "not-found": "/no-such-page/",
    }


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("viewport", [NARROW_PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_public_page_type(new_page, axe, home_page, live_server, viewport, elder):
    urls = public_urls(build_corpus(home_page))
    page = new_page(viewport=viewport)
    if elder:
        page.context.add_cookies([{"name": "elder_mode", "value": "1", "url": live_server.url}])
    problems = {}
    for name, url in urls.items():
        response = page.goto(url)
        assert response.status == (404 if name == "not-found" else 200), name
        snap(
            page,
            f"{name}-{'phone' if viewport is NARROW_PHONE else 'desktop'}-{'elder' if elder else 'normal'}",
        )
        violations = axe(page)
        if violations:
            problems[name] = violations
        if name != "notice-print":
            assert horizontal_overflow(page) <= 0, name
            assert font_size(page, "main") >= (24 if elder else 18), name
            assert page.evaluate(SMALL_TARGETS, 60 if elder else 44) == [], name
            if elder:
                assert page.evaluate(SMALL_TEXT, 24) == [], name
    assert problems == {}


@pytest.mark.parametrize("key", ["home", "notice"])
def test_first_visit_weighs_at_most_200_kb(new_page, home_page, key):
    urls = public_urls(build_corpus(home_page))
    page = new_page(viewport=NARROW_PHONE)
    sizes = {}
    page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body()) if r.ok else 0))
    page.goto(urls[key], wait_until="networkidle")
    total = sum(sizes.values())
    print(f"\n{key}: {len(sizes)} 个请求，共 {total / 1024:.1f} KB")
    assert total <= WEIGHT_BUDGET, sizes
    assert not [u for u in sizes if "woff" in u or "ttf" in u or "otf" in u], "no web fonts"
