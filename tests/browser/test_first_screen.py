"""The newspaper's first screens on a 390 × 844 phone: the latest issue's cover, number, date and
contents together; an issue's contents start before its cover could fill the screen."""

import pytest

from tests.browser.conftest import PHONE
from tests.corpus import build_corpus

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def top(page, selector):
    return page.locator(selector).first.evaluate("e => e.getBoundingClientRect().top + window.scrollY")


def test_latest_issue_and_issue_contents_are_on_the_first_screen(new_page, home_page):
    pages = build_corpus(home_page)
    page = new_page(viewport=PHONE)
    page.goto(pages["paper_kuaibao"].url)
    card = page.locator(".current-issue .issue-card")
    assert "第35期" in card.inner_text() and "2025年10月29日" in card.inner_text()
    assert top(page, ".current-issue .issue-card__cover, .current-issue .issue-card img") < PHONE["height"]
    assert top(page, ".current-issue__contents li") < PHONE["height"]

    # On the newspaper index the 最新一期 badge is as wide as its words, not the card.
    page.goto(pages["news"].url)
    badge = page.locator(".issue-card .badge").first
    width = badge.evaluate("e => e.getBoundingClientRect().width")
    assert width < badge.evaluate("e => e.closest('.issue-card').getBoundingClientRect().width") / 2

    page.goto(pages["issue35"].url)
    assert top(page, ".toc li") < PHONE["height"]
