"""长辈版 (large text): a cookie switch in every header that works without JavaScript."""

import pytest

pytestmark = pytest.mark.django_db


def test_switch_is_in_the_header_and_keeps_the_page(client, home_page):
    html = client.get("/search/?q=电梯").content.decode()
    assert 'class="elder-switch" href="/elder-mode/on/?next=/search/%3Fq%3D' in html
    assert "长辈版（大字）" in html
    assert 'class="elder"' not in html


def test_switching_on_is_remembered_across_pages_and_off_again(client, home_page):
    response = client.get("/elder-mode/on/", {"next": "/search/"})
    assert response.status_code == 302
    assert response["Location"] == "/search/"
    assert response.cookies["elder_mode"].value == "1"
    assert response.cookies["elder_mode"]["max-age"] == 365 * 24 * 3600

    for url in ("/", "/search/", "/no-such-page/"):
        html = client.get(url).content.decode()
        assert '<html lang="zh-Hans" class="elder">' in html
        assert "退出长辈版" in html

    client.get("/elder-mode/off/", {"next": "/"})
    assert 'class="elder"' not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "target", ["https://evil.example.com/", "//evil.example.com/x", "javascript:alert(1)"]
)
def test_switch_never_redirects_off_site(client, target):
    response = client.get("/elder-mode/on/", {"next": target})
    assert response["Location"] == "/"


def test_unknown_state_is_not_found(client, home_page):
    assert client.get("/elder-mode/maybe/").status_code == 404


@pytest.mark.parametrize("q", ["长辈版", "大字版", "关怀版", "怎么开大字"])
def test_site_search_offers_the_switch(client, home_page, q):
    html = client.get("/search/", {"q": q}).content.decode()
    assert "长辈版（大字版、关怀版）" in html
    assert 'href="/elder-mode/on/?next=/search/' in html
