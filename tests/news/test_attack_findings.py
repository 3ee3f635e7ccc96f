"""Insider attacks on the 主编's approval that still succeed (security review of issue 10)."""

import pytest
from django.urls import reverse

from news.factories import IssuePageFactory
from news.models import ArticlePage, Correspondent
from portal import roles
from tests.news.conftest import article_form_data

pytestmark = pytest.mark.django_db


def test_renaming_a_correspondent_does_not_change_a_published_byline(client, make_user, publication):
    author = make_user(roles.RESIDENT_EDITORS, username="editor1", first_name="赵秀兰")
    other_editor = make_user(roles.RESIDENT_EDITORS, username="editor2", first_name="钱")
    chief = make_user(roles.EDITOR_IN_CHIEF, username="chief", first_name="李建国")
    issue = IssuePageFactory(parent=publication, number=1)
    issue.save_revision().publish()
    byline = Correspondent.objects.create(display_name="老张")
    client.force_login(author)
    client.post(
        reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk)),
        article_form_data("楼道图书角", "corner", correspondents=[byline], **{"action-submit": "1"}),
    )
    article = ArticlePage.objects.get(slug="corner")
    state = article.current_workflow_task_state.specific
    client.force_login(chief)
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "approve", state.pk)),
        {"fingerprint": state.fingerprint},
    )
    article.refresh_from_db()
    assert article.live
    client.logout()
    assert "通讯员：老张" in client.get(article.url).content.decode()
    client.force_login(other_editor)
    client.post(
        reverse("wagtailsnippets_news_correspondent:edit", args=(byline.pk,)),
        {"display_name": "3号楼王某（造谣者）", "note": ""},
    )
    client.logout()
    html = client.get(article.url).content.decode()
    assert "通讯员：老张" in html
