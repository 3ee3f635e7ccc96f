"""网站地图 for people at /sitemap/ (sitemap.xml stays for machines)."""

import pytest
from wagtail.models import Page, Site

from home.models import HomePage
from notices.factories import NoticeIndexPageFactory, NoticePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(home_page):
    return NoticeIndexPageFactory(parent=home_page, title="公开栏", slug="notices", show_in_menus=True)


def test_footer_links_to_a_site_map_page_with_every_section(client, home_page, board):
    NoticePageFactory(parent=board, title="关于加装电梯的公示")
    html = client.get("/").content.decode()
    assert '<a href="/sitemap/">网站地图</a>' in html
    response = client.get("/sitemap/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>网站地图</h1>" in html
    assert 'href="/notices/">公开栏</a>' in html
    assert "关于加装电梯的公示" in html
    assert 'href="/sitemap.xml">sitemap.xml</a>' in html
    assert "site-header" in html  # a page of the site, not raw XML


def test_a_long_section_shows_its_newest_pages_and_a_link_to_the_rest(client, board):
    for n in range(12):
        NoticePageFactory(parent=board, title=f"第{n}号通知")
    html = client.get("/sitemap/").content.decode()
    assert "第11号通知" in html and "第0号通知" not in html
    assert "公开栏的全部内容" in html


def test_another_communitys_pages_are_not_listed(client, board):
    other_home = Page.get_first_root_node().add_child(instance=HomePage(title="乐安社区", slug="lean"))
    Site.objects.create(hostname="lean.example.org", root_page=other_home)
    NoticeIndexPageFactory(parent=other_home, title="乐安公开栏", slug="lean-notices", show_in_menus=True)
    assert "乐安公开栏" not in client.get("/sitemap/").content.decode()
    assert "乐安公开栏" in client.get("/sitemap/", HTTP_HOST="lean.example.org").content.decode()


@pytest.mark.parametrize("count", [3, 40])
def test_site_map_queries_do_not_grow_with_the_archive(client, board, count, django_assert_max_num_queries):
    for n in range(count):
        NoticePageFactory(parent=board, title=f"第{n}号通知")
    client.get("/sitemap/")  # warm the site and settings caches
    with django_assert_max_num_queries(8):
        assert client.get("/sitemap/").status_code == 200
