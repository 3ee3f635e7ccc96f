"""The sitemap lists what residents can open, at a cost that does not grow with the archive."""

import pytest
from wagtail.models import PageViewRestriction

from news.factories import ArticlePageFactory, IssuePageFactory, NewsIndexPageFactory, PublicationPageFactory
from news.models import ArticlePage
from notices.factories import FinancialDisclosureIndexPageFactory, NoticeIndexPageFactory, NoticePageFactory
from tests.news.bulk import add_issues

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("size", [2, 20])
def test_sitemap_hides_unreadable_issues_and_articles_in_a_fixed_number_of_queries(
    client, home_page, size, django_assert_max_num_queries
):
    publication = PublicationPageFactory(parent=NewsIndexPageFactory(parent=home_page))
    issues = add_issues(publication, size)
    publication.refresh_from_db()  # the bulk insert counted its children behind its back
    empty = IssuePageFactory(parent=publication, number=size + 1)  # no articles yet
    private = IssuePageFactory(parent=publication, number=size + 2)
    restricted = ArticlePageFactory(parent=private, title="只给居民看的文章")
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    held = IssuePageFactory(parent=publication, number=size + 3, live=False)
    waiting = ArticlePageFactory(parent=held)  # live, but its issue is not out yet
    board = NoticeIndexPageFactory(parent=home_page)
    notice = NoticePageFactory(parent=board)
    FinancialDisclosureIndexPageFactory(parent=board)

    from django.core.cache import caches

    client.get("/sitemap.xml")  # settings rows a first view creates
    caches["default"].clear()
    # Rendered afresh: site, restrictions, count and the listing (no query per page type).
    with django_assert_max_num_queries(8):
        xml = client.get("/sitemap.xml").content.decode()
    with django_assert_max_num_queries(0):
        assert client.get("/sitemap.xml?again").content.decode() == xml
    for page in (publication, issues[0], issues[-1], notice):
        assert f"<loc>{page.full_url}</loc>" in xml
    article = ArticlePage.objects.child_of(issues[-1]).get()
    assert f"<loc>{article.full_url}</loc>" in xml
    for page in (empty, private, restricted, held, waiting):
        assert page.full_url not in xml
    assert "/notices/finance/" not in xml
    assert (
        xml.count("<url>") == 2 + 2 * size + 3
    )  # home, news, publication, issues and articles, board, notice


def test_pages_outside_the_sitemap_answer_for_themselves(home_page):
    """get_sitemap_urls without the sitemap's annotations asks the database (Wagtail's own sitemap)."""
    publication = PublicationPageFactory(parent=NewsIndexPageFactory(parent=home_page))
    issue = IssuePageFactory(parent=publication, number=1)
    assert issue.get_sitemap_urls() == []
    article = ArticlePageFactory(parent=issue)
    assert [u["location"] for u in issue.get_sitemap_urls()] == [issue.full_url]
    assert [u["location"] for u in article.get_sitemap_urls()] == [article.full_url]
    issue.unpublish()
    article.refresh_from_db()
    assert article.get_sitemap_urls() == []


def test_a_published_or_unpublished_page_changes_the_sitemap_at_once(client, home_page, settings):
    settings.PAGE_CACHE_ENABLED = False  # the sitemap's own cache is what is tested
    board = NoticeIndexPageFactory(parent=home_page)
    client.get("/sitemap.xml")
    notice = NoticePageFactory(parent=board, slug="tingshui")
    assert notice.full_url in client.get("/sitemap.xml").content.decode()
    notice.unpublish()
    assert notice.full_url not in client.get("/sitemap.xml").content.decode()
