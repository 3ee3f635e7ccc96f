"""The home page shows the current issue of each publication with its cover."""

import datetime

import pytest
from wagtail.models import Page, Site

from home.models import HomePage
from news.factories import ArticlePageFactory, IssuePageFactory, NewsIndexPageFactory, PublicationPageFactory

pytestmark = pytest.mark.django_db


def test_home_shows_current_issues(client, home_page, news_index, publication, cover_image):
    mingjun = PublicationPageFactory(parent=news_index, title="名郡生活", slug="mingjun")
    old = IssuePageFactory(parent=publication, number=1, date=datetime.date(2026, 1, 2))
    current = IssuePageFactory(
        parent=publication, number=2, date=datetime.date(2026, 1, 9), cover=cover_image, cover_alt="第2期封面"
    )
    unlisted = IssuePageFactory(parent=publication, number=3, date=datetime.date(2026, 1, 16))
    bimonthly = IssuePageFactory(parent=mingjun, number=1, date=datetime.date(2026, 1, 1))
    for issue in (old, current, bimonthly):
        ArticlePageFactory(parent=issue)
    ArticlePageFactory(parent=unlisted, live=False)

    html = client.get("/").content.decode()
    section = html.split('id="section-news"')[1].split("</section>")[0]
    assert "社区报即将上线" not in section
    assert "《社区快报》" in section and "《名郡生活》" in section
    assert current.url in section and bimonthly.url in section
    assert old.url not in section and unlisted.url not in section
    assert 'alt="第2期封面"' in section
    assert f'href="{news_index.url}"' in section


def test_home_without_issues_keeps_the_empty_state(client, news_index, publication):
    IssuePageFactory(parent=publication, number=1)
    assert "社区报即将上线" in client.get("/").content.decode()


def test_news_index_lists_publications_with_current_issue(client, news_index, publication):
    issue = IssuePageFactory(parent=publication, number=7)
    ArticlePageFactory(parent=issue)
    empty = PublicationPageFactory(parent=news_index, title="名郡生活", slug="mingjun")
    html = client.get(news_index.url).content.decode()
    assert publication.url in html and issue.url in html
    assert empty.url in html and "这份报刊还没有发布的期刊。" in html


@pytest.fixture
def clear_site_cache():
    # Wagtail caches site root paths; a rolled-back Site must not leak into later tests.
    yield
    Site.clear_site_root_paths_cache()


def test_each_site_shows_its_own_papers(client, home_page, news_index, publication, clear_site_cache):
    ArticlePageFactory(parent=IssuePageFactory(parent=publication, number=1))
    other_home = Page.get_first_root_node().add_child(instance=HomePage(title="金都社区", slug="jindu"))
    Site.objects.create(hostname="jindu.example.org", port=80, root_page=other_home)
    html = client.get("/", HTTP_HOST="jindu.example.org").content.decode()
    assert "社区报即将上线" in html
    assert "《社区快报》" not in html

    other_index = NewsIndexPageFactory(parent=other_home)
    other_paper = PublicationPageFactory(parent=other_index, title="金都周报", slug="jindu-weekly")
    ArticlePageFactory(parent=IssuePageFactory(parent=other_paper, number=1))
    html = client.get("/", HTTP_HOST="jindu.example.org").content.decode()
    assert "《金都周报》" in html and "《社区快报》" not in html
    assert "《金都周报》" not in client.get("/").content.decode()
