"""取消工作流 belongs to the submitter and administrators: reviewers neither see nor use it."""

import pytest
from django.urls import reverse
from wagtail.models import WorkflowState

from notices.factories import make_disclosure
from portal import roles

from .admin_forms import disclosure_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(make_user):
    return make_user(roles.COMMUNITY_STAFF, username="staff1", first_name="王晓梅")


@pytest.fixture
def disclosure(finance_index, fund, author, committee):
    page = make_disclosure(finance_index, title="2026年第一季度物业管理费使用明细", fund=fund, user=author)
    page.get_workflow().start(page, author)
    return page


def cancel(client, user, page):
    client.force_login(user)
    data = disclosure_form(page.fund, [], slug=page.slug)
    data["action-cancel-workflow"] = "1"
    return client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)


def state_of(page):
    return WorkflowState.objects.filter(object_id=str(page.pk)).latest("created_at").status


def test_a_committee_member_cannot_cancel_by_posting(client, disclosure, committee):
    cancel(client, committee[0], disclosure)
    assert state_of(disclosure) == WorkflowState.STATUS_IN_PROGRESS


def test_the_submitter_sees_and_uses_cancel(client, disclosure, author):
    client.force_login(author)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(disclosure.pk,))).content.decode()
    assert 'name="action-cancel-workflow"' in html
    cancel(client, author, disclosure)
    assert state_of(disclosure) == WorkflowState.STATUS_CANCELLED


def test_a_chief_reviewing_an_article_has_no_cancel(client, make_user, publication):
    from news.factories import ArticlePageFactory, IssuePageFactory

    editor = make_user(roles.RESIDENT_EDITORS, username="editor1")
    chief = make_user(roles.EDITOR_IN_CHIEF, username="chief")
    issue = IssuePageFactory(parent=publication, number=3)
    article = ArticlePageFactory(parent=issue, title="楼道图书角", live=False, owner=editor)
    article.save_revision(user=editor)
    article.get_workflow().start(article, editor)

    client.force_login(chief)
    url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    response = client.get(url)
    assert response.status_code == 200
    assert 'name="action-cancel-workflow"' not in response.content.decode()
    assert 'name="action-restart-workflow"' not in response.content.decode()
    response = client.post(url, {"action-cancel-workflow": "1"})
    assert response.status_code == 302
    messages = " ".join(str(m) for m in client.get(response["Location"]).context["messages"])
    assert "只有提交人和站点管理员可以取消" in messages
    assert state_of(article) == WorkflowState.STATUS_IN_PROGRESS
