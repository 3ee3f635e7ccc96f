"""A newspaper's archive at any size: which issues are listed (live, with a live article) is
worked out once per site write, so its pages, year links and an issue's neighbours are
look-ups; a new issue shows at once."""

import datetime

import pytest

from news.factories import ArticlePageFactory, IssuePageFactory, PublicationPageFactory
from news.models import IssuePage
from tests.news.bulk import add_issues
from tests.rendering import sql_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def test_later_pages_and_years_ask_what_the_first_page_asks(client, publication, cover_image):
    add_issues(publication, 60, cover=cover_image)
    urls = [publication.url, publication.url + "?page=3", publication.url + "?year=2000&page=2"]
    for url in [*urls, *urls]:  # the first view also saves the site's settings, a write
        client.get(url)
    counts = []
    for url in urls:
        response, sql = sql_of(client, url)
        counts.append(len(sql))
        # No query looks through the archive for issues with a live article.
        assert not [q for q in sql if "EXISTS" in q.upper()], url
    assert len(set(counts)) == 1
    third = client.get(publication.url + "?page=3").context["issues"]
    assert [i.number for i in third] == list(range(12, 0, -1))
    assert client.get(publication.url).context["current_issue"].number == 60


def test_an_issues_neighbours_come_from_the_archive(client, publication):
    add_issues(publication, 30)
    middle = IssuePage.objects.child_of(publication).get(number=15)
    client.get(middle.url)
    client.get(middle.url)
    response, sql = sql_of(client, middle.url)
    assert (response.context["previous_issue"].title, response.context["next_issue"].title) == (
        "第14期",
        "第16期",
    )
    assert response.context["publication"].title == publication.title
    assert not [q for q in sql if "EXISTS" in q.upper()]


def test_an_issue_is_listed_as_soon_as_its_first_article_is_out(client, publication):
    add_issues(publication, 3)
    old = IssuePage.objects.child_of(publication).get(number=3)
    new = IssuePageFactory(parent=publication, number=4, date=datetime.date(2030, 1, 1))
    assert client.get(publication.url).context["current_issue"].number == 3
    assert client.get(old.url).context["next_issue"] is None
    ArticlePageFactory(parent=new, title="新一期的文章")
    assert client.get(publication.url).context["current_issue"].number == 4
    assert client.get(old.url).context["next_issue"].title == new.title
    assert "第4期" in client.get(publication.url + "?year=2030").content.decode()


def test_a_new_publication_shows_on_the_news_index_at_once(client, news_index, publication):
    add_issues(publication, 2)
    assert "《居民之声》" not in client.get(news_index.url).content.decode()
    PublicationPageFactory(parent=news_index, title="居民之声", slug="voice")
    assert "《居民之声》" in client.get(news_index.url).content.decode()
