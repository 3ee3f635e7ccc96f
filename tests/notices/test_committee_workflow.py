"""财务公开审核 driven through the Wagtail admin: quorum, distinct members, author, rejection, sign-off."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import TaskState, WorkflowState

from notices.models import CommitteeApprovalTask, FinancialDisclosurePage
from portal import roles
from portal.review.actions import ReviewRefused
from portal.review.models import ReviewApproval

from .admin_forms import GOOD_CLOSING, GOOD_ITEMS, disclosure_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(make_user):
    return make_user(roles.COMMUNITY_STAFF, username="staff1", first_name="王晓梅")


def submit(client, user, finance_index, fund, action="action-publish"):
    client.force_login(user)
    url = reverse("wagtailadmin_pages:add", args=("notices", "financialdisclosurepage", finance_index.pk))
    response = client.post(url, {**disclosure_form(fund, GOOD_ITEMS, closing=GOOD_CLOSING), action: "1"})
    assert response.status_code == 302, response.context["form"].errors
    return FinancialDisclosurePage.objects.get()


def act(client, user, page, action, comment="退回：请补充凭证。", fingerprint=None):
    """POST the workflow action as Wagtail's dashboard and editor do; an approval names the
    fingerprint of the content under review (the current one unless given)."""
    client.force_login(user)
    page.refresh_from_db()
    task_state = page.current_workflow_task_state.specific
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))
    data = {"comment": comment}
    if action == "approve":
        data = {"comment": "" if comment == "退回：请补充凭证。" else comment}
        data["fingerprint"] = task_state.fingerprint if fingerprint is None else fingerprint
    return client.post(url, data)


def denied(response):
    """Wagtail's admin answers a refused action with 403 or a redirect to the dashboard."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.fixture
def submitted(client, author, finance_index, fund, committee):
    return submit(client, author, finance_index, fund)


def test_the_workflow_exists_and_is_assigned_to_the_finance_subtree(finance_index, notice_index):
    task = CommitteeApprovalTask.objects.get()
    assert task.quorum == 2
    assert list(task.groups.all()) == [roles.group(roles.COMMITTEE)]
    assert finance_index.get_workflow().name == "财务公开审核"
    assert notice_index.get_workflow() is None or notice_index.get_workflow().name != "财务公开审核"


def test_staff_publish_only_submits(client, author, finance_index, fund, committee):
    page = submit(client, author, finance_index, fund)
    assert not page.live
    assert page.workflow_in_progress
    assert page.current_workflow_state.requested_by == author
    assert "已提交监委会审核" in " ".join(
        str(m) for m in client.get(reverse("wagtailadmin_home")).context["messages"]
    )


def test_staff_submit_button_submits(client, author, finance_index, fund, committee):
    page = submit(client, author, finance_index, fund, action="action-submit")
    assert not page.live and page.workflow_in_progress


def test_committee_is_emailed_on_submission(submitted, committee):
    recipients = {address for message in mail.outbox for address in message.to}
    assert {m.email for m in committee} <= recipients


def test_one_approval_of_two_does_not_publish_and_tells_the_author(client, submitted, committee, author):
    mail.outbox.clear()
    assert act(client, committee[0], submitted, "approve").status_code == 302
    submitted.refresh_from_db()
    assert not submitted.live
    assert submitted.workflow_in_progress
    assert ReviewApproval.objects.filter(page=submitted).count() == 1
    progress = [m for m in mail.outbox if author.email in m.to]
    assert progress and "周德明已审核通过（1/2）" in progress[0].subject


def test_the_same_member_approving_twice_counts_once(client, submitted, committee):
    act(client, committee[0], submitted, "approve")
    second = act(client, committee[0], submitted, "approve")
    assert denied(second)  # the action is no longer offered to them
    task_state = submitted.current_workflow_task_state.specific
    task = task_state.task.specific
    with pytest.raises(ReviewRefused, match="已经审核通过"):  # and the model refuses a repeat too
        task.on_action(task_state, committee[0], "approve", fingerprint=task_state.fingerprint)
    submitted.refresh_from_db()
    assert not submitted.live
    assert ReviewApproval.objects.filter(page=submitted).count() == 1


def test_the_author_cannot_approve(client, make_user, finance_index, fund, committee):
    # Someone who is (wrongly) both staff and committee member submits: they may not approve.
    both = make_user(roles.COMMUNITY_STAFF, roles.COMMITTEE, username="both")
    page = submit(client, both, finance_index, fund)
    assert denied(act(client, both, page, "approve"))
    assert page.current_workflow_task.get_actions(page, both) == []
    assert not ReviewApproval.objects.exists()
    # Staff outside the committee cannot approve either.
    staff = make_user(roles.COMMUNITY_STAFF, username="other-staff")
    assert denied(act(client, staff, page, "approve"))


def test_rejection_returns_it_with_the_comment(client, submitted, committee, author):
    act(client, committee[0], submitted, "approve")
    mail.outbox.clear()
    response = act(client, committee[2], submitted, "reject", comment="第2行保洁费缺少合同，请补充附件。")
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert not submitted.live
    state = WorkflowState.objects.get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert (
        TaskState.objects.get(status=TaskState.STATUS_REJECTED).comment == "第2行保洁费缺少合同，请补充附件。"
    )
    rejected = [m for m in mail.outbox if author.email in m.to]
    assert rejected and "第2行保洁费缺少合同" in rejected[0].body

    # The author fixes it and submits again: approvals start from zero for the new version.
    client.force_login(author)
    edit_url = reverse("wagtailadmin_pages:edit", args=(submitted.pk,))
    rows = [(*row, item.pk, False) for row, item in zip(GOOD_ITEMS, submitted.line_items.all(), strict=True)]
    data = disclosure_form(
        submitted.fund, rows, closing=GOOD_CLOSING, slug=submitted.slug, summary="已补充合同"
    )
    # Pressing "publish" resubmits the returned disclosure to the same workflow.
    assert client.post(edit_url, {**data, "action-publish": "1"}).status_code == 302
    submitted.refresh_from_db()
    assert submitted.workflow_in_progress and not submitted.live
    assert WorkflowState.objects.count() == 1  # resumed, not a second workflow
    act(client, committee[0], submitted, "approve")
    submitted.refresh_from_db()
    assert not submitted.live  # the earlier approval was for the rejected version


def test_after_quorum_it_is_live_with_the_approvers_shown(client, submitted, committee, author):
    act(client, committee[0], submitted, "approve")
    mail.outbox.clear()
    act(client, committee[1], submitted, "approve", comment="账目相符")
    assert any(author.email in m.to and submitted.title in m.subject + m.body for m in mail.outbox)
    submitted.refresh_from_db()
    assert submitted.live
    assert not submitted.workflow_in_progress
    assert WorkflowState.objects.get().status == WorkflowState.STATUS_APPROVED
    assert ReviewApproval.objects.filter(revision=submitted.live_revision).count() == 2

    client.logout()
    html = client.get(submitted.url).content.decode()
    assert "监委会审核：周德明、吴桂英" in html
    assert "未经监委会审核" not in html
    today = ReviewApproval.objects.latest("approved_at").approved_at
    from django.utils import timezone

    local = timezone.localdate(today)
    assert f"{local.year}年{local.month}月{local.day}日" in html


def test_committee_dashboard_shows_pending_approvals(client, submitted, committee):
    client.force_login(committee[0])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert submitted.title in html
    task_state = submitted.current_workflow_task_state
    approve_url = reverse("wagtailadmin_pages:workflow_action", args=(submitted.pk, "approve", task_state.pk))
    assert approve_url in html  # the panel's own 审核通过 button (opens the review with the 核验码)
    act(client, committee[0], submitted, "approve")
    client.force_login(committee[0])
    assert submitted.title not in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(committee[1])
    assert submitted.title in client.get(reverse("wagtailadmin_home")).content.decode()


def test_nobody_but_a_superuser_edits_under_review(client, submitted, author, committee):
    client.force_login(author)
    edit_url = reverse("wagtailadmin_pages:edit", args=(submitted.pk,))
    revisions = submitted.revisions.count()
    data = disclosure_form(submitted.fund, GOOD_ITEMS[:1], closing="46500.00", slug=submitted.slug)
    client.post(edit_url, data)
    client.force_login(committee[0])
    # Reviewers look at the review page instead of a locked editor.
    assert client.get(edit_url)["Location"].startswith("/admin/review/")
    client.post(edit_url, data)
    assert submitted.revisions.count() == revisions


def test_the_task_is_configurable_in_the_admin(client, admin_user_role):
    task = CommitteeApprovalTask.objects.get()
    client.force_login(admin_user_role)
    response = client.get(reverse("wagtailadmin_workflows:edit_task", args=(task.pk,)))
    assert response.status_code == 200
    assert "所需审核人数" in response.content.decode()
    response = client.post(
        reverse("wagtailadmin_workflows:edit_task", args=(task.pk,)),
        {"groups": [g.pk for g in task.groups.all()], "quorum": "3"},
    )
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.quorum == 3


def test_members_review_the_submitted_figures_in_the_task_preview(client, submitted, committee):
    client.force_login(committee[0])
    task_state = submitted.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_preview", args=(submitted.pk, task_state.task_id))
    html = client.get(url).content.decode()
    assert "公共区域保洁" in html and "32,649.50" in html and "叁万贰仟陆佰肆拾玖元伍角" in html


def test_the_editor_shows_the_committee_progress(client, submitted, committee, author):
    act(client, committee[0], submitted, "approve")
    client.force_login(author)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(submitted.pk,))).content.decode()
    assert "已有 1 / 2 位成员审核通过（周德明" in html


def test_changes_made_under_review_need_fresh_approvals(client, submitted, committee, admin_user_role):
    act(client, committee[0], submitted, "approve")
    # Only a superuser can edit while it is under review; the earlier approval no longer counts.
    draft = submitted.get_latest_revision_as_object()
    draft.summary = "超级管理员修改了说明"
    draft.save_revision(user=admin_user_role)
    act(client, committee[1], submitted, "approve")
    submitted.refresh_from_db()
    assert not submitted.live
    assert submitted.current_workflow_task_state.review_approvals.count() == 1
    act(client, committee[0], submitted, "approve")
    submitted.refresh_from_db()
    assert submitted.live and submitted.summary == "超级管理员修改了说明"
    assert submitted.committee_signoff()["names"] == ["吴桂英", "周德明"]
