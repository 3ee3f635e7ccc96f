"""The resident editor's way in: the 社区报 menu, an issue that opens on its articles with
在本期写稿, 我的草稿, and the dashboard's 社区报写稿 panel."""

import json
import re
from html import unescape

import pytest
from django.urls import reverse

from news import editor_admin
from news.factories import ArticlePageFactory, IssuePageFactory
from portal import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_user):
    return make_user(roles.RESIDENT_EDITORS, username="editor1", first_name="赵秀兰")


@pytest.fixture
def issues(publication):
    old = IssuePageFactory(parent=publication, number=11, date="2026-10-01")
    new = IssuePageFactory(parent=publication, number=12, date="2026-11-01", live=False)
    return old, new


def write_url(issue):
    return reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk))


def test_an_issue_title_in_a_listing_opens_its_articles(client, editor, publication, issues):
    old, new = issues
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_explore", args=(publication.pk,))).content.decode()
    assert f'href="{reverse("wagtailadmin_explore", args=(new.pk,))}"' in html
    assert f'href="{reverse("wagtailadmin_pages:edit", args=(new.pk,))}" title' not in html


def test_an_issue_listing_offers_write_here(client, editor, issues):
    old, new = issues
    ArticlePageFactory(parent=new, title="楼道里的图书角")
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_explore", args=(new.pk,))).content.decode()
    assert "楼道里的图书角" in html
    assert "在本期写稿" in html
    assert f'href="{write_url(new)}"' in html


def test_write_here_is_only_for_those_who_may_write(editor, staff_user, issues):
    old, new = issues
    assert editor_admin.write_here_button(new, editor).url == write_url(new)
    assert editor_admin.write_here_button(new, staff_user) is None


def test_news_menu_leads_to_drafts_current_issue_and_correspondents(client, editor, issues):
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    props = re.search(
        r'<script id="wagtail-sidebar-props" type="application/json">(.*?)</script>', html, re.S
    )
    news = json.dumps(json.loads(props.group(1)), ensure_ascii=False)
    news = news[news.index('"社区报"') :]
    positions = [news.index(f'"{label}"') for label in ("我的草稿", "本期", "通讯员")]
    assert positions == sorted(positions)
    assert reverse("my_drafts:index") in news
    assert reverse("news_current_issue") in news


def test_current_issue_is_the_newest_one_even_a_draft(client, editor, issues):
    old, new = issues
    client.force_login(editor)
    response = client.get(reverse("news_current_issue"))
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_explore", args=(new.pk,))


def test_without_an_issue_current_issue_says_so(client, editor, publication):
    client.force_login(editor)
    response = client.get(reverse("news_current_issue"), follow=True)
    assert "还没有可以写稿的期刊" in response.content.decode()


def test_my_drafts_lists_only_my_unpublished_articles(client, editor, make_user, issues):
    old, new = issues
    other = make_user(roles.RESIDENT_EDITORS, username="editor2")
    ArticlePageFactory(parent=new, title="我的草稿文章", owner=editor, live=False)
    ArticlePageFactory(parent=old, title="我已发布的文章", owner=editor, live=True)
    ArticlePageFactory(parent=new, title="别人的草稿", owner=other, live=False)
    client.force_login(editor)
    html = client.get(reverse("my_drafts:index")).content.decode()
    assert "我的草稿文章" in html
    assert "我已发布的文章" not in html
    assert "别人的草稿" not in html


def test_dashboard_offers_write_in_the_current_issue(client, editor, issues):
    old, new = issues
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "社区报写稿" in html
    assert f'href="{write_url(new)}"' in html


def test_dashboard_has_no_write_panel_for_those_who_cannot_write(client, staff_user, issues):
    client.force_login(staff_user)
    assert "社区报写稿" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_a_new_article_opens_with_a_paragraph_to_type_into(client, editor, issues):
    old, new = issues
    client.force_login(editor)
    html = client.get(write_url(new)).content.decode()
    arguments = re.search(r'id="body" data-block[^>]*data-w-block-arguments-value="([^"]*)"', html)
    assert arguments, "the body's stream field is not on the form"
    value, errors = json.loads(unescape(arguments.group(1)))
    assert [block["type"] for block in value] == ["paragraph"]
