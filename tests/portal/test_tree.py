"""portal.tree: children and descendants by an indexed range on `path`, the same pages as
Wagtail's child_of/descendant_of (which use LIKE, a scan of every page on SQLite)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from news.factories import ArticlePageFactory, IssuePageFactory, NewsIndexPageFactory, PublicationPageFactory
from portal.tree import below, children

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(home_page):
    news = NewsIndexPageFactory(parent=home_page)
    paper = PublicationPageFactory(parent=news)
    issues = [IssuePageFactory(parent=paper, number=n) for n in (1, 2)]
    for issue in issues:
        ArticlePageFactory(parent=issue)
    other = PublicationPageFactory(parent=news, title="另一份报")
    IssuePageFactory(parent=other, number=1)
    return paper


def test_children_are_wagtails_children(tree):
    assert set(Page.objects.filter(children(tree))) == set(Page.objects.child_of(tree))
    assert Page.objects.filter(children(tree)).count() == 2


def test_below_is_wagtails_descendants(tree, home_page):
    assert set(Page.objects.filter(below(tree))) == set(Page.objects.descendant_of(tree))
    assert set(Page.objects.filter(below(home_page))) == set(Page.objects.descendant_of(home_page))


def test_the_filter_is_a_range_not_like(tree):
    with CaptureQueriesContext(connection) as queries:
        list(Page.objects.filter(children(tree)))
    assert " LIKE " not in queries[0]["sql"].upper() and "BETWEEN" in queries[0]["sql"].upper()
