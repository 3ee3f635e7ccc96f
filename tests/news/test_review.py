"""主编审核 binds the chief's approval to the exact article submitted, like the committee's."""

import pytest
from django.urls import reverse
from wagtail.actions.revert_to_page_revision import RevertToPageRevisionAction
from wagtail.models import WorkflowState

from news.factories import IssuePageFactory
from news.models import ArticlePage
from portal import roles
from portal.review.fingerprint import fingerprint
from portal.review.records import content_record
from tests.news.conftest import article_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_user):
    return make_user(roles.RESIDENT_EDITORS, username="editor1", first_name="赵秀兰")


@pytest.fixture
def chief(make_user):
    return make_user(roles.EDITOR_IN_CHIEF, username="chief", first_name="李建国")


@pytest.fixture
def submitted(client, editor, publication):
    issue = IssuePageFactory(parent=publication, number=1)
    issue.save_revision().publish()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk))
    client.post(url, article_form_data("楼道图书角", "corner", text="诽谤邻居的草稿"))
    article = ArticlePage.objects.get(slug="corner")
    article.bad_revision = article.latest_revision
    edit = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    client.post(
        edit, article_form_data("楼道图书角", "corner", text="图书角开放了。", **{"action-submit": "1"})
    )
    article.refresh_from_db()
    assert article.workflow_in_progress
    return article


def approve(client, chief, article, seen):
    client.force_login(chief)
    article.refresh_from_db()
    state = article.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "approve", state.pk))
    return client.post(url, {"fingerprint": seen}, follow=True)


def test_the_old_draft_brought_back_under_review_is_never_published(client, editor, chief, submitted):
    seen = submitted.current_workflow_task_state.specific.fingerprint
    assert (
        client.post(
            f"/admin/api/main/pages/{submitted.pk}/action/revert_to_page_revision/",
            {"revision_id": submitted.bad_revision.pk},
            content_type="application/json",
        ).status_code
        == 404
    )
    RevertToPageRevisionAction(submitted, submitted.bad_revision, user=editor).execute(
        skip_permission_checks=True
    )
    response = approve(client, chief, submitted, seen)
    assert "你审核的内容已被修改" in " ".join(str(m) for m in response.context["messages"])
    submitted.refresh_from_db()
    assert not submitted.live
    assert WorkflowState.objects.get(object_id=str(submitted.pk)).status == WorkflowState.STATUS_IN_PROGRESS


def test_the_chief_publishes_exactly_what_they_approved(client, chief, submitted):
    state = submitted.current_workflow_task_state.specific
    approve(client, chief, submitted, state.fingerprint)
    submitted.refresh_from_db()
    assert submitted.live
    live = ArticlePage.objects.get(pk=submitted.pk)
    assert fingerprint(content_record(live.live_revision.as_object())) == state.fingerprint
    assert "图书角开放了" in client.get(live.url).content.decode()


def test_a_chief_who_edited_the_article_cannot_also_approve_it(client, chief, submitted):
    client.force_login(chief)
    edit = reverse("wagtailadmin_pages:edit", args=(submitted.pk,))
    client.post(edit, article_form_data("楼道图书角", "corner", text="主编改过的内容。"))
    submitted.refresh_from_db()
    state = submitted.current_workflow_task_state.specific
    assert submitted.current_workflow_task.get_actions(submitted, chief) == []
    response = approve(client, chief, submitted, state.fingerprint)
    assert response.status_code in (200, 403)
    submitted.refresh_from_db()
    assert not submitted.live
