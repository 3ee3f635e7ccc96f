import pytest
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from portal.models import CommunitySettings

pytestmark = pytest.mark.django_db


def test_settings_appear_in_header_and_footer(client, site, home_page):
    qr = get_image_model().objects.create(title="二维码", file=get_test_image_file())
    CommunitySettings.objects.update_or_create(
        site=site,
        defaults={
            "community_name": "裕园社区",
            "sub_district": "福山街道",
            "address": "裕园小区3号楼一楼",
            "office_hours": "周一至周五 8:30—17:30",
            "hotline": "0535-6666 8888",
            "wechat_account": "裕园之家",
            "wechat_qr": qr,
            "newspaper_names": "裕园周报、社区快报",
        },
    )
    html = client.get("/").content.decode()
    for text in ("裕园社区", "福山街道", "裕园小区3号楼一楼", "周一至周五 8:30—17:30", "裕园之家"):
        assert text in html
    assert 'href="tel:053566668888"' in html
    assert "长按识别二维码，关注“裕园之家”" in html
    assert "《裕园周报》《社区快报》" in html


def test_settings_are_per_site(client, site, home_page):
    from wagtail.models import Page, Site

    from home.models import HomePage

    other_home = Page.get_first_root_node().add_child(instance=HomePage(title="乐安社区", slug="lean"))
    other = Site.objects.create(hostname="lean.example.org", root_page=other_home)
    CommunitySettings.objects.update_or_create(site=site, defaults={"community_name": "金都社区"})
    CommunitySettings.objects.update_or_create(site=other, defaults={"community_name": "乐安社区"})

    assert "金都社区" in client.get("/").content.decode()
    other_html = client.get("/", HTTP_HOST="lean.example.org").content.decode()
    assert "乐安社区" in other_html
    assert "金都社区" not in other_html


def test_newspaper_names_accept_chinese_separators():
    settings = CommunitySettings(newspaper_names="《名郡生活》、社区快报，周报")
    assert settings.newspaper_list == ["名郡生活", "社区快报", "周报"]
