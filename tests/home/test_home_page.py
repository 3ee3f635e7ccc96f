import pytest
from wagtail import hooks
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage
from home.sections import HomeSection
from portal.models import CommunitySettings
from tests.two_factor import TwoFactorClient

pytestmark = pytest.mark.django_db


def test_home_renders_empty_sections(client, home_page):
    response = client.get("/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    for text in ("目前没有正在公示的公告。", "社区报即将上线", "志愿服务星级榜即将上线", "榜样风采即将上线"):
        assert text in html


def test_home_renders_full(client, site, home_page):
    CommunitySettings.objects.update_or_create(
        site=site, defaults={"community_name": "金都社区", "hotline": "0535-1234 5678"}
    )
    home_page.intro = "<p>欢迎各位居民。</p>"
    home_page.save_revision().publish()

    def notices_section(request, page):
        return HomeSection(
            "notices",
            "公示中的公告",
            template="tests/home_section.html",
            context={"items": ["关于加装电梯的公示"]},
            more_url="/notices/",
        )

    with hooks.register_temporarily("home_page_sections", notices_section):
        html = client.get("/").content.decode()

    assert "欢迎各位居民。" in html
    assert "关于加装电梯的公示" in html
    assert 'href="/notices/"' in html
    assert "目前没有正在公示的公告。" not in html
    assert "金都社区" in html
    assert "0535-1234 5678" in html
    # The other sections still show their empty state.
    assert "榜样风采即将上线" in html


def test_home_page_sits_at_the_root_only(home_page):
    assert HomePage.can_exist_under(Page.get_first_root_node())
    assert not HomePage.can_exist_under(home_page)


class HomePageAdminTests(WagtailPageTestCase):
    client_class = TwoFactorClient  # logs in a superuser, who needs the second factor

    def test_renderable_and_editable(self):
        home = HomePage.objects.first()
        self.login()
        self.assertPageIsRenderable(home)
        self.assertPageIsEditable(home)


def test_sections_bring_their_stylesheets(client, home_page):
    def section(request, page):
        return HomeSection(
            "news", "最新一期社区报", template="tests/home_section.html", stylesheet="news/news.css"
        )

    with hooks.register_temporarily("home_page_sections", section):
        html = client.get("/").content.decode()
    assert html.count('href="/static/news/news.css"') == 1
