"""The sub-district (街道): its dashboard and CSV, its public home, adding a community in the admin,
and every absolute address built from the site's own hostname."""

import csv
import datetime
import io
from decimal import Decimal
from unittest import mock

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page, Site

from home.models import SubDistrictPage
from news.factories import IssuePageFactory, NewsIndexPageFactory, PublicationPageFactory
from news.models import NewsIndexPage
from notices.factories import (
    FinancialDisclosureIndexPageFactory,
    FundFactory,
    NoticeIndexPageFactory,
    NoticePageFactory,
    make_disclosure,
)
from notices.models import FinancialDisclosureIndexPage, NoticeIndexPage
from portal import roles
from portal.models import CommunitySettings
from volunteers.factories import ServiceRecordFactory, VolunteerFactory

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 30)  # Q4: last quarter is 2026 Q3, 20 days are up


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def district(home_page):
    board = NoticeIndexPageFactory(parent=home_page)
    FinancialDisclosureIndexPageFactory(parent=board)
    NewsIndexPageFactory(parent=home_page)
    default = Site.objects.get(is_default_site=True)
    settings = CommunitySettings.for_site(default)
    settings.community_name, settings.sub_district = "历山名郡社区", "历山街道"
    settings.save()
    call_command(
        "add_community",
        name="锦绣社区",
        hostname="jinxiu.localhost",
        port=8000,
        sub_district="历山街道",
        stdout=io.StringIO(),
    )
    jinxiu = Site.objects.get(hostname="jinxiu.localhost")
    home = Page.get_first_root_node().add_child(instance=SubDistrictPage(title="历山街道", slug="jiedao"))
    home.save_revision().publish()
    Site.objects.create(hostname="jiedao.localhost", port=8000, root_page=home, site_name="历山街道")
    return default, jinxiu


def test_the_dashboard_shows_each_communitys_figures_as_in_the_database(
    client, district, make_user, staff_user
):
    default, jinxiu = district
    finance = FinancialDisclosureIndexPage.objects.descendant_of(default.root_page).get()
    FundFactory(name="党费", site=default)
    fund = FundFactory(name="物业管理费", site=default)
    make_disclosure(finance, fund=fund, publish=True, year=2026, period_number=3, user=staff_user)
    FundFactory(name="公益基金", site=jinxiu)
    news = NewsIndexPage.objects.descendant_of(default.root_page).get()
    publication = PublicationPageFactory(parent=news, slug="kuaibao")
    IssuePageFactory(parent=publication, number=1, date=datetime.date(2026, 3, 1))
    IssuePageFactory(parent=publication, number=2, date=datetime.date(2025, 3, 1))
    volunteer = VolunteerFactory(site=jinxiu)
    ServiceRecordFactory(volunteer=volunteer, hours=Decimal("12.5"), date=datetime.date(2026, 5, 1))
    ServiceRecordFactory(
        volunteer=volunteer, hours=Decimal("3.0"), date=datetime.date(2026, 6, 1), verified_at=None
    )

    supervisor = make_user(roles.DISTRICT_SUPERVISORS, username="jiandu")
    client.force_login(supervisor)
    with mock.patch("django.utils.timezone.localdate", return_value=TODAY):
        response = client.get(reverse("district_dashboard") + "?format=csv")
    rows = {r["社区"]: r for r in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))}
    assert set(rows) == {"历山名郡社区", "锦绣社区"}  # the 街道's own home is no community
    lishan, jinxiu_row = rows["历山名郡社区"], rows["锦绣社区"]
    assert (lishan["2026年第3季度应公开"], lishan["已公开"], lishan["逾期未公开"]) == ("2", "1", "1")
    assert (jinxiu_row["2026年第3季度应公开"], jinxiu_row["已公开"], jinxiu_row["逾期未公开"]) == (
        "1",
        "0",
        "1",
    )
    assert lishan["2026年社区报期数"] == "1" and jinxiu_row["2026年社区报期数"] == "0"
    assert Decimal(jinxiu_row["2026年志愿服务时长（小时）"]) == Decimal("12.5")
    assert jinxiu_row["网址"] == "http://jinxiu.localhost:8000"
    html = client.get(reverse("district_dashboard")).content.decode()
    assert "最近的操作" in html and "历山名郡社区" in html and "物业管理费" in html


@pytest.mark.parametrize("role", roles.COMMUNITY_ROLES)
def test_community_roles_do_not_see_the_dashboard(client, district, make_user, role):
    client.force_login(make_user(role))
    response = client.get(reverse("district_dashboard"))
    assert response.status_code in (302, 403)


def test_the_sub_district_home_lists_its_communities_and_their_latest_notices(
    client, district, django_assert_max_num_queries
):
    default, jinxiu = district
    for site in (default, jinxiu):
        board = NoticeIndexPage.objects.descendant_of(site.root_page).get()
        for i in range(5):
            NoticePageFactory(
                parent=board,
                title=f"{site.site_name or '历山'}第{i}号通知",
                date=datetime.date(2026, 1, 1 + i),
            )
    with django_assert_max_num_queries(25):
        response = client.get("/", HTTP_HOST="jiedao.localhost:8000")
    html = response.content.decode()
    assert "历山名郡社区" in html and "锦绣社区" in html
    assert "锦绣社区第4号通知" in html and "锦绣社区第1号通知" not in html  # the newest three each
    assert 'href="http://jinxiu.localhost:8000/' in html


def test_a_district_admin_adds_a_community_in_the_admin(client, district, make_user):
    admin = make_user(roles.DISTRICT_ADMINS, username="jiedao-admin")
    client.force_login(admin)
    url = reverse("district_add_community")
    assert "新增社区" in client.get(url).content.decode()
    assert (
        "请填写正确的域名"
        in client.post(url, {"name": "乐安社区", "hostname": "not a host", "port": "443"}).content.decode()
    )
    response = client.post(
        url, {"name": "乐安社区", "hostname": "lean.example.org", "port": "443", "sub_district": "历山街道"}
    )
    assert response.status_code == 302
    site = Site.objects.get(hostname="lean.example.org")
    assert roles.group(roles.COMMITTEE, site).name == "监委会·乐安社区"
    client.force_login(make_user(roles.SITE_ADMINS, username="community-admin"))
    assert client.get(url).status_code in (302, 403)


def test_absolute_addresses_use_the_sites_own_hostname(client, district, make_user):
    from portal.accounts.models import set_verified_name

    default, jinxiu = district
    finance = FinancialDisclosureIndexPage.objects.descendant_of(jinxiu.root_page).get()
    members = []
    for name in ("孙", "钱"):
        member = make_user(username=f"jx-{name}")
        member.groups.add(roles.group(roles.COMMITTEE, jinxiu))
        set_verified_name(member, name)
        members.append(member)
    fund = FundFactory(name="公益基金", site=jinxiu)
    page = make_disclosure(finance, fund=fund, publish=True, members=members, slug="q1")
    host = {"HTTP_HOST": "jinxiu.localhost:8000"}
    from notices.qr import qr_svg

    sheet = client.get("/notices/finance/q1/print/", **host).content.decode()
    assert qr_svg("http://jinxiu.localhost:8000/notices/finance/q1/") in sheet
    feed = client.get("/notices/feed/", **host).content.decode()
    assert "<link>http://jinxiu.localhost:8000/notices/</link>" in feed
    assert "http://jinxiu.localhost:8000/notices/finance/q1/" in feed
    sitemap = client.get("/sitemap.xml", **host).content.decode()
    assert "<loc>http://jinxiu.localhost:8000/notices/finance/q1/</loc>" in sitemap
    assert (
        "Sitemap: http://jinxiu.localhost:8000/sitemap.xml"
        in client.get("/robots.txt", **host).content.decode()
    )
    html = client.get("/notices/finance/q1/", **host).content.decode()
    assert '<link rel="canonical" href="http://jinxiu.localhost:8000/notices/finance/q1/">' in html
    assert page.live
