import pytest
from wagtail.models import Page

from home.models import HomePage
from news.factories import NewsIndexPageFactory
from news.models import ArticlePage, IssuePage, NewsIndexPage, PublicationPage

pytestmark = pytest.mark.django_db


def test_allowed_parents_and_children():
    assert NewsIndexPage.allowed_parent_page_models() == [HomePage]
    assert NewsIndexPage.allowed_subpage_models() == [PublicationPage]
    assert PublicationPage.allowed_parent_page_models() == [NewsIndexPage]
    assert PublicationPage.allowed_subpage_models() == [IssuePage]
    assert IssuePage.allowed_parent_page_models() == [PublicationPage]
    assert IssuePage.allowed_subpage_models() == [ArticlePage]
    assert ArticlePage.allowed_parent_page_models() == [IssuePage]
    assert ArticlePage.allowed_subpage_models() == []


def test_one_news_index_per_site(home_page):
    assert NewsIndexPage.can_create_at(home_page)
    NewsIndexPageFactory(parent=home_page)
    assert not NewsIndexPage.can_create_at(home_page)
    # Another community site gets its own /news/.
    other_home = Page.get_first_root_node().add_child(instance=HomePage(title="金都社区", slug="jindu"))
    assert NewsIndexPage.can_create_at(other_home)


def test_articles_and_issues_only_in_their_place(home_page, publication):
    assert not IssuePage.can_create_at(home_page)
    assert not ArticlePage.can_create_at(publication)
    assert IssuePage.can_create_at(publication)
