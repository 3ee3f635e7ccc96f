"""RSS feeds of the board and the home page's 公示中的公告 section."""

import datetime
import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.utils import timezone

from notices.factories import NoticePageFactory, make_disclosure

pytestmark = pytest.mark.django_db


@pytest.fixture
def notices(notice_index, finance_index, fund):
    NoticePageFactory(
        parent=notice_index, title="党费收缴情况公示", category="party", date=datetime.date(2026, 1, 8)
    )
    NoticePageFactory(
        parent=notice_index, title="停水通知", category="residents", date=datetime.date(2026, 2, 8)
    )
    make_disclosure(
        finance_index, fund=fund, publish=True, title="一季度物业费明细", date=datetime.date(2026, 4, 2)
    )


def items(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own feed)
    assert root.tag == "rss" and root.attrib["version"] == "2.0"
    return [(i.findtext("title"), i.findtext("link"), i.findtext("category")) for i in root.iter("item")]


def test_feed_lists_the_newest_notices(client, notices):
    feed = items(client.get("/notices/feed/"))
    assert [(title, category) for title, _, category in feed] == [
        ("一季度物业费明细", "财务公开"),
        ("停水通知", "居务公开"),
        ("党费收缴情况公示", "党务公开"),
    ]
    assert all(link.startswith("http://localhost/notices/") for _, link, _ in feed)
    assert feed[0][1].startswith("http://localhost/notices/finance/")


def test_feed_per_category(client, notices):
    assert [t for t, _, _ in items(client.get("/notices/feed/?category=party"))] == ["党费收缴情况公示"]
    assert [t for t, _, _ in items(client.get("/notices/feed/?category=finance"))] == ["一季度物业费明细"]
    assert len(items(client.get("/notices/feed/?category=bogus"))) == 3


def test_board_links_its_feed(client, notices):
    html = client.get("/notices/?category=party").content.decode()
    assert 'type="application/rss+xml"' in html and 'href="/notices/feed/?category=party"' in html


def test_home_shows_notices_in_their_public_period(client, notice_index):
    today = timezone.localdate()
    NoticePageFactory(
        parent=notice_index,
        title="低保申请公示",
        public_from=today - datetime.timedelta(days=1),
        public_until=today + datetime.timedelta(days=5),
    )
    NoticePageFactory(
        parent=notice_index,
        title="已过公示期的公告",
        public_from=today - datetime.timedelta(days=10),
        public_until=today - datetime.timedelta(days=3),
    )
    NoticePageFactory(parent=notice_index, title="长期公开的制度")
    html = client.get("/").content.decode()
    assert "低保申请公示" in html and "公示中·剩6天" in html
    assert "已过公示期的公告" not in html and "长期公开的制度" not in html
    assert 'href="/notices/"' in html
    assert "目前没有正在公示的公告。" not in html


def test_home_without_current_notices_keeps_the_empty_state(client, notice_index):
    NoticePageFactory(parent=notice_index, title="长期公开的制度")
    html = client.get("/").content.decode()
    assert "目前没有正在公示的公告。" in html
    assert 'href="/notices/"' in html


@pytest.fixture
def second_site_cache_cleared():
    """The site root paths are cached; rolling back the second site does not clear them."""
    from wagtail.models import Site

    yield
    Site.clear_site_root_paths_cache()


def test_each_site_shows_only_its_own_notices(client, notice_index, second_site_cache_cleared):
    from wagtail.models import Page, Site

    from home.factories import HomePageFactory
    from notices.factories import NoticeIndexPageFactory

    today = timezone.localdate()
    period = {"public_from": today, "public_until": today + datetime.timedelta(days=3)}
    other_home = HomePageFactory(parent=Page.get_first_root_node(), title="金都社区", slug="jindu")
    Site.objects.create(hostname="jindu.example.org", port=80, root_page=other_home, site_name="金都社区")
    other_index = NoticeIndexPageFactory(parent=other_home)
    NoticePageFactory(parent=notice_index, title="本社区的公示", **period)
    NoticePageFactory(parent=other_index, title="金都社区的公示", **period)

    home = client.get("/").content.decode()
    board = client.get("/notices/").content.decode()
    assert "本社区的公示" in home and "金都社区的公示" not in home
    assert "本社区的公示" in board and "金都社区的公示" not in board
    other = client.get("/notices/", HTTP_HOST="jindu.example.org").content.decode()
    assert "金都社区的公示" in other and "本社区的公示" not in other


def test_feed_is_a_page_feed_that_names_itself_and_its_latest_change(client, notices, notice_index):
    from notices.feeds import NoticeBoardFeed
    from portal.feeds import PageFeed

    assert issubclass(NoticeBoardFeed, PageFeed)
    response = client.get("/notices/feed/?category=party")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own feed)
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("href") == "http://localhost/notices/feed/?category=party"
    assert channel.findtext("language") == "zh-cn"
    assert channel.find("item").find("guid").get("isPermaLink") == "true"

    # Published today under an older date: the feed has still changed today.
    late = NoticePageFactory(
        parent=notice_index, title="补发的通知", category="party", date=datetime.date(2025, 12, 1)
    )
    late.save_revision().publish()
    late.refresh_from_db()
    response = client.get("/notices/feed/?category=party")
    published = late.last_published_at.replace(microsecond=0)
    assert parsedate_to_datetime(response["Last-Modified"]) == published
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 (our own feed)
    assert parsedate_to_datetime(channel.findtext("lastBuildDate")) == published
