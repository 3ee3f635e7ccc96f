"""The page editor's script-drawn text is Chinese too: the block menu, the comment and
keyboard-shortcut strings, and what the editor shows after a refused save."""

import pytest
from playwright.sync_api import expect

from news.factories import IssuePageFactory
from portal import roles
from tests.browser.conftest import DESKTOP
from tests.browser.journeys import admin_login
from tests.portal.admin_locale.english import ALLOWED, WORD

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Visible text and the labels assistive technology reads, of everything shown now.
SHOWN_TEXT = """() => {
    const texts = [document.body.innerText];
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
        if (el.offsetParent === null && el.tagName !== 'BODY') continue;
        for (const name of ['aria-label', 'title', 'placeholder']) {
            if (el.getAttribute(name)) texts.push(el.getAttribute(name));
        }
    }
    return texts.join('\\n');
}"""


def english(page):
    words = {word for word in WORD.findall(page.evaluate(SHOWN_TEXT)) if word not in ALLOWED}
    return sorted(words)


def test_the_article_editor_speaks_chinese(new_page, home_page, publication, make_user, password):
    make_user(roles.RESIDENT_EDITORS, username="editor1", first_name="赵秀兰")
    issue = IssuePageFactory(parent=publication, number=12, live=False)
    page = new_page(viewport=DESKTOP)
    admin_login(page, "editor1", password)
    page.goto(f"/admin/pages/add/news/articlepage/{issue.pk}/")
    expect(page.get_by_role("button", name="插入区块").last).to_be_visible()
    assert english(page) == [], page.evaluate(SHOWN_TEXT)

    page.get_by_role("button", name="插入区块").last.click()
    expect(page.get_by_role("option", name="图片")).to_be_visible()
    assert english(page) == [], page.evaluate(SHOWN_TEXT)
    page.keyboard.press("Escape")

    # Saved without a title: the refusal, the error count and the paused autosave are Chinese.
    with page.expect_navigation():
        page.locator("footer").get_by_role("button", name="提交主编审核").click()
    expect(page.locator(".messages")).to_contain_text("请到“内容”标签页修改：标题、正文。")
    assert english(page) == [], page.evaluate(SHOWN_TEXT)
