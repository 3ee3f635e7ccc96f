"""Browser test fixtures: Debian's Chromium driven by Playwright against pytest-django's live server.

Locally they skip with a message when Chromium is missing; with CI=true they must run.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop; Django's ORM calls in the test thread are safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}
NARROW_PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


def chromium_path():
    return os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")


def require(condition, message):
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI 必须运行浏览器测试：{message}")
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    require(path, "未找到 Chromium：请运行 apt-get install -y chromium fonts-wqy-microhei")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, live_server):
    """new_page(viewport=PHONE) -> a Playwright page in a fresh context; closed after the test."""
    contexts = []

    def make(viewport=PHONE, **kwargs):
        context = browser.new_context(viewport=viewport, locale="zh-CN", base_url=live_server.url, **kwargs)
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def axe():
    """axe(page) -> serious or critical WCAG 2.1 A/AA violations on the page."""
    require(AXE_PATH.exists(), "未安装 axe-core：请运行 npm ci")

    def run(page):
        # Evaluated through DevTools: an injected <script> tag would break the site's CSP.
        page.evaluate(AXE_PATH.read_text(encoding="utf-8") + "\n;0")
        result = page.evaluate(
            """async () => {
                const r = await axe.run(document, {runOnly: {type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}});
                return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
            }"""
        )
        return [v for v in result if v["impact"] in ("serious", "critical")]

    return run


def horizontal_overflow(page):
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")


def font_size(page, selector):
    return page.eval_on_selector(selector, "el => parseFloat(getComputedStyle(el).fontSize)")
