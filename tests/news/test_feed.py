"""RSS 2.0 feed of a publication's latest articles."""

import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest

from news.factories import (
    ArticlePageFactory,
    ColumnFactory,
    CorrespondentFactory,
    IssuePageFactory,
    PublicationPageFactory,
)
from news.models.pages import FEED_LENGTH

pytestmark = pytest.mark.django_db


def test_feed_is_valid_rss_with_latest_articles(client, news_index, publication):
    column = ColumnFactory(publication=publication, name="邻里之间")
    issue = IssuePageFactory(parent=publication, number=1)
    article = ArticlePageFactory(
        parent=issue,
        title="楼道里的图书角",
        lead="3号楼的居民把闲置的书放到楼道，办起了图书角。",
        column=column,
        correspondents=[CorrespondentFactory(display_name="赵*兰")],
    )
    ArticlePageFactory(parent=issue, title="还在审稿", live=False)
    hidden_issue = IssuePageFactory(parent=publication, number=2, live=False)
    ArticlePageFactory(parent=hidden_issue, title="下期文章")
    other = PublicationPageFactory(parent=news_index, title="名郡生活", slug="mingjun")
    ArticlePageFactory(parent=IssuePageFactory(parent=other, number=1), title="别的报纸")

    response = client.get(publication.url + "feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    for tag in ("title", "link", "description"):
        assert channel.findtext(tag)
    assert channel.findtext("title") == "《社区快报》"
    assert channel.findtext("link") == publication.full_url
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link.get("rel") == "self" and self_link.get("href") == publication.full_url + "feed/"
    items = channel.findall("item")
    assert [i.findtext("title") for i in items] == ["楼道里的图书角"]
    item = items[0]
    assert item.findtext("link") == article.full_url
    assert item.findtext("guid") == article.full_url
    assert item.findtext("description") == "3号楼的居民把闲置的书放到楼道，办起了图书角。"
    assert item.findtext("category") == "邻里之间"
    assert item.findtext("{http://purl.org/dc/elements/1.1/}creator") == "赵*兰"
    assert parsedate_to_datetime(item.findtext("pubDate")) == article.first_published_at.replace(
        microsecond=0
    )

    html = client.get(publication.url).content.decode()
    assert 'type="application/rss+xml"' in html


def test_feed_is_limited(client, publication):
    issue = IssuePageFactory(parent=publication, number=1)
    for _ in range(FEED_LENGTH + 3):
        ArticlePageFactory(parent=issue)
    root = ET.fromstring(client.get(publication.url + "feed/").content)  # noqa: S314
    assert len(root.find("channel").findall("item")) == FEED_LENGTH
