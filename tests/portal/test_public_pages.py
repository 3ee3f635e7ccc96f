import pytest
from django.template.loader import render_to_string
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def test_sitemap_lists_live_pages_only(client, home_page):
    home_page.add_child(instance=Page(title="办事指南", slug="guide", live=True))
    home_page.add_child(instance=Page(title="草稿页面", slug="draft-page", live=False))
    xml = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/</loc>" in xml
    assert "/guide/" in xml
    assert "/draft-page/" not in xml


def test_robots_txt_points_to_sitemap_and_hides_admin(client, home_page):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    text = response.content.decode()
    assert "Disallow: /admin/" in text
    # The site's configured address, as every canonical URL, not whatever Host the request sent.
    assert f"Sitemap: {home_page.get_site().root_url}/sitemap.xml" in text


def test_404_is_in_chinese(client, home_page):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "页面没有找到" in html
    assert '<html lang="zh-Hans">' in html


def test_500_template_is_in_chinese_and_standalone():
    html = render_to_string("500.html")
    assert "服务器出错了" in html
    assert "返回首页" in html


def test_base_template_has_skip_link_and_sharing_tags(client, home_page):
    html = client.get("/").content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert 'id="main"' in html
    assert 'property="og:title"' in html
    assert 'property="og:image"' in html
    assert 'name="viewport"' in html
    # Every asset is local: no third-party hosts in src/href.
    assert "//cdn" not in html
    assert "googleapis" not in html


def test_breadcrumbs_and_menu(client, home_page):
    guide = home_page.add_child(instance=Page(title="办事指南", slug="guide", live=True, show_in_menus=True))
    guide.add_child(instance=Page(title="低保申请", slug="dibao", live=True))
    html = client.get("/guide/dibao/").content.decode()
    assert 'aria-label="当前位置"' in html
    assert 'aria-label="主导航"' in html
    assert '<a href="/guide/" aria-current="page">办事指南</a>' in html
