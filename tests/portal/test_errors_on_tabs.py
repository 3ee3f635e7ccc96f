"""A validation error on a tab the editor is not looking at is named, with its tab, at the top."""

import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from news.factories import ArticlePageFactory, IssuePageFactory
from portal import roles
from tests.news.conftest import article_form_data

pytestmark = pytest.mark.django_db


def top_message(response):
    """The list of errors in the message Wagtail shows above the editor's tabs."""
    html = response.content.decode()
    match = re.search(r'<div class="messages".*?<ul class="errorlist">(.*?)</ul>', html, re.S)
    assert match, "no message at the top"
    return re.sub(r"<[^>]+>|\s+", " ", match.group(1))


@pytest.fixture
def issue(publication):
    return IssuePageFactory(parent=publication, number=1)


def test_a_slug_clash_on_the_promote_tab_is_named_at_the_top(client, make_user, issue):
    ArticlePageFactory(parent=issue, title="旧文章", slug="reading-corner")
    client.force_login(make_user(roles.RESIDENT_EDITORS))
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk))
    response = client.post(url, article_form_data("楼道里的图书角", "reading-corner"))
    assert response.status_code == 200
    message = top_message(response)
    assert "请到“推荐”标签页修改：缩略名。" in message
    assert "reading-corner" in message  # the reason itself, not only where


def test_an_error_on_the_content_tab_is_named_too(client, make_user, issue):
    client.force_login(make_user(roles.RESIDENT_EDITORS))
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk))
    response = client.post(url, article_form_data("", "empty-title"))
    assert response.status_code == 200
    assert "请到“内容”标签页修改：标题。" in top_message(response)


def test_an_error_inside_the_body_is_worded_in_chinese_at_the_top(client, make_user, issue):
    client.force_login(make_user(roles.RESIDENT_EDITORS))
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk))
    data = article_form_data("楼道里的图书角", "tsj")
    data.update(nested_form_data({"body": streamfield([("heading", "")])}), **{"action-submit": "1"})
    response = client.post(url, data)
    assert response.status_code == 200
    message = top_message(response)
    assert "请到“内容”标签页修改：正文。" in message
    assert "有区块需要修改" in message
    assert "Validation error" not in message
