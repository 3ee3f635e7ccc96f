"""The publication page: current issue, archive by year, pagination, bounded queries."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from news.factories import ArticlePageFactory, IssuePageFactory
from news.models import IssuePage
from news.models.pages import ISSUES_PER_PAGE
from news.wagtail_hooks import news_home_section
from tests.news.bulk import add_issues

pytestmark = pytest.mark.django_db


def test_current_issue_and_archive_by_year(client, publication):
    for number, date in [(1, "2024-03-01"), (2, "2024-11-01"), (3, "2025-06-01"), (4, "2025-12-01")]:
        issue = IssuePageFactory(parent=publication, number=number, date=datetime.date.fromisoformat(date))
        ArticlePageFactory(parent=issue)
    IssuePageFactory(parent=publication, number=5, date=datetime.date(2026, 1, 1))  # no articles yet

    html = client.get(publication.url).content.decode()
    current = html.split('id="current-issue-title"')[1].split("</section>")[0]
    assert "第4期" in current and "2025年12月1日" in current
    assert '?year=2025">2025年' in html and '?year=2024">2024年' in html
    assert "2026年" not in html

    html = client.get(publication.url, {"year": "2024"}).content.decode()
    archive = html.split('id="archive-title"')[1]
    assert "第1期" in archive and "第2期" in archive
    assert "第3期" not in archive and "第4期" not in archive
    assert 'href="?year=2024" aria-current="page"' in html


@pytest.mark.parametrize("year", ["1999", "abc", "2024'--", "９９", "-1"])
def test_bad_year_gives_a_normal_page(client, publication, year):
    issue = IssuePageFactory(parent=publication, number=1, date=datetime.date(2024, 3, 1))
    ArticlePageFactory(parent=issue)
    response = client.get(publication.url, {"year": year})
    assert response.status_code == 200
    html = response.content.decode()
    assert "下面列出全部期刊" in html
    assert issue.url in html


def test_pagination(client, publication):
    add_issues(publication, ISSUES_PER_PAGE + 5)
    first = client.get(publication.url).content.decode()
    archive = first.split('id="archive-title"')[1]
    assert f"第{ISSUES_PER_PAGE + 5}期" in archive
    assert "第 1 / 2 页" in first and 'rel="next" href="?page=2"' in first

    second = client.get(publication.url, {"page": "2"}).content.decode()
    archive = second.split('id="archive-title"')[1]
    assert "第1期" in archive and "第5期" in archive and "第6期" not in archive
    assert 'rel="prev" href="?page=1"' in second
    for bad in ("999", "x", "-3", ""):
        assert client.get(publication.url, {"page": bad}).status_code == 200

    # The year filter is kept in the page links.
    html = client.get(publication.url, {"year": "2000"}).content.decode()
    assert 'rel="next" href="?year=2000&amp;page=2"' in html


def render_counting(client, url, django_assert_max_num_queries, limit):
    client.get(url)  # first view creates the cover renditions
    with django_assert_max_num_queries(limit):
        response = client.get(url)
    assert response.status_code == 200
    return response


@pytest.mark.parametrize("size", [20, 900])
def test_bounded_queries(
    size, home_page, publication, news_index, cover_image, django_assert_max_num_queries
):
    add_issues(publication, size, cover=cover_image)
    client = Client()
    html = render_counting(client, publication.url, django_assert_max_num_queries, 24).content.decode()
    assert f"第{size}期" in html
    render_counting(client, publication.url + "?year=2000&page=2", django_assert_max_num_queries, 24)
    render_counting(client, news_index.url, django_assert_max_num_queries, 20)
    last = IssuePage.objects.child_of(publication).get(number=size)
    render_counting(client, last.url, django_assert_max_num_queries, 24)
    render_counting(client, publication.url + "feed/", django_assert_max_num_queries, 16)
    # The home page section alone (other apps add their own sections to "/").
    request = RequestFactory().get("/")
    news_home_section(request, home_page)
    with django_assert_max_num_queries(10):
        section = news_home_section(request, home_page)
        html = render_to_string(section.template, {"section": section, "request": request})
    assert f"第{size}期" in html
