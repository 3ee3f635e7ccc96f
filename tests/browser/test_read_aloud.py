"""朗读: the controls read the article aloud in Chinese, pause and stop; hidden without speech."""

import pytest
from playwright.sync_api import expect

from tests.corpus import build_corpus

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# A stand-in for the browser's speech synthesis that records what it is asked to say.
FAKE_SPEECH = """
window.__spoken = [];
window.__calls = [];
Object.defineProperty(window, 'SpeechSynthesisUtterance', {value: function (text) { this.text = text; }});
Object.defineProperty(window, 'speechSynthesis', {value: {
  getVoices: () => window.__voices || [],
  speak(u) {
    if (window.__silent) return;
    window.__spoken.push([u.text, u.lang]);
    if (u.onstart) setTimeout(() => u.onstart(), 0);
    window.__calls.push('speak');
    if (window.__autoEnd) setTimeout(() => u.onend && u.onend(), 0);
  },
  pause() { window.__calls.push('pause'); },
  resume() { window.__calls.push('resume'); },
  cancel() { window.__calls.push('cancel'); },
}});
"""
NO_SPEECH = "Object.defineProperty(window, 'speechSynthesis', {value: undefined});"


@pytest.fixture
def article(home_page):
    return build_corpus(home_page)["feast"]


def test_article_is_read_aloud_with_pause_and_stop(new_page, article):
    page = new_page()
    page.add_init_script(FAKE_SPEECH)
    page.goto(article.url)
    controls = page.locator(".read-aloud")
    assert controls.is_visible()
    page.get_by_role("button", name="朗读全文").click()
    spoken = page.evaluate("window.__spoken")
    assert spoken[0] == ["重阳节百家宴暖了老人心。", "zh-CN"]
    assert page.locator("[data-status]").inner_text() == "正在朗读"

    page.get_by_role("button", name="暂停").click()
    assert page.locator("[data-status]").inner_text() == "已暂停"
    page.get_by_role("button", name="继续朗读").click()
    page.get_by_role("button", name="停止").click()
    assert page.evaluate("window.__calls")[-3:] == ["pause", "resume", "cancel"]
    assert page.get_by_role("button", name="朗读全文").is_enabled()


@pytest.mark.parametrize("why", ["no-chinese-voice", "silent"])
def test_without_a_chinese_voice_it_says_so_and_offers_large_text(new_page, article, why):
    page = new_page()
    page.add_init_script(FAKE_SPEECH)
    if why == "no-chinese-voice":
        page.add_init_script("window.__voices = [{lang: 'en-US', name: 'English'}];")
    else:  # WeChat on Android: speaking is accepted but nothing ever starts
        page.add_init_script("window.__silent = true;")
    page.goto(article.url)
    fallback = page.locator("[data-fallback]")
    assert not fallback.is_visible()
    page.get_by_role("button", name="朗读全文").click()
    expect(fallback).to_be_visible(timeout=5000)
    assert "没有中文语音" in fallback.inner_text()
    assert page.evaluate("window.__spoken") == []
    with page.expect_navigation():
        fallback.get_by_role("link", name="改用大字阅读本页").click()
    assert page.evaluate("document.documentElement.classList.contains('elder')")
    assert page.url.endswith(article.url)


def test_controls_are_hidden_without_speech_synthesis(new_page, article):
    page = new_page()
    page.add_init_script(NO_SPEECH)
    page.goto(article.url)
    assert page.locator(".read-aloud").count() == 1
    assert not page.locator(".read-aloud").is_visible()


def test_notice_and_disclosure_pages_have_reading_aloud(new_page, home_page):
    pages = build_corpus(home_page)
    page = new_page()
    page.add_init_script(FAKE_SPEECH)
    page.goto(pages["lift"].url)
    page.evaluate("window.__autoEnd = true")
    page.get_by_role("button", name="朗读全文").click()
    expect(page.locator(".read-aloud")).to_have_attribute("data-state", "idle")  # no eval: the CSP forbids it
    spoken = "".join(text for text, _lang in page.evaluate("window.__spoken"))
    assert spoken.startswith("关于3号楼加装电梯意见征集的公示。")
    assert "3号楼2单元拟加装电梯" in spoken

    page.goto(pages["fees"].url)
    page.evaluate("window.__autoEnd = true")
    page.get_by_role("button", name="朗读全文").click()
    expect(page.locator(".read-aloud")).to_have_attribute("data-state", "idle")  # no eval: the CSP forbids it
    spoken = "".join(text for text, _lang in page.evaluate("window.__spoken"))
    assert "期末余额" in spoken
    assert "电梯维保费" in spoken
    assert "朗读全文" not in spoken
