"""Approve, reject and restart a review: the one place where an approval is checked and recorded.

Every path (the dashboard, the editor's action menu, the review page) ends here. The task
state row is locked for the decision, so two reviewers at the same moment, or one reviewer's
double click, each get one clean answer.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import Page, TaskState

from .models import ReviewApproval, ReviewTaskState
from .records import revision_fingerprint


class ReviewRefused(Exception):
    """A decision that cannot be taken; the message is shown to the reviewer in Chinese."""


STALE = "你审核的内容已被修改，之前看到的版本不再有效。请刷新页面，核对新的内容后再审核。"


def _locked_state(task_state_id):
    state = TaskState.objects.select_for_update().filter(pk=task_state_id).first()
    return state.specific if state is not None else None


def _check_decision(state, user):
    """Why `user` may not decide on `state` now, or None."""
    if state is None or state.status != TaskState.STATUS_IN_PROGRESS:
        return "这项审核已经结束或已重新开始，请回到“等待你的审查”查看当前的审核任务。"
    if state.workflow_state.current_task_state_id != state.pk:
        return "这项审核已经结束或已重新开始，请回到“等待你的审查”查看当前的审核任务。"
    task = state.task.specific
    if not task.is_reviewer(user):
        return "你不是这项审核的审核人，或你同时担任的职务不允许审核（审核人不能审核自己经手的内容）。"
    if user.pk in task.authors(state):
        return "你修改或提交过这份内容，按规定不能审核自己经手的内容。"
    return None


def approve(task_state_id, user, fingerprint, comment=""):
    """Record `user`'s approval of the content with `fingerprint`; publish once enough agree."""
    with transaction.atomic():
        state = _locked_state(task_state_id)
        refusal = _check_decision(state, user)
        if refusal is None:
            refusal = _approve_locked(state, user, (fingerprint or "").strip().lower(), comment)
    if refusal:
        raise ReviewRefused(refusal)


def _approve_locked(state, user, fingerprint, comment):
    task = state.task.specific
    if not isinstance(state, ReviewTaskState):
        restart(state, user, "审核规则已更新，需重新审核")
        return "这项审核已按新的规则重新开始，请核对内容后再审核。"
    page = state.workflow_state.content_object
    current = revision_fingerprint(page.get_latest_revision())
    if current != state.fingerprint:
        restart(state, user, "内容已修改，需重新审核")  # changed by a path that skipped the signal
        return STALE
    if fingerprint != state.fingerprint:
        return STALE
    if ReviewApproval.objects.filter(task_state=state, user=user).exists():
        return "你已经审核通过了这份内容，不需要重复操作。"
    name = task.approver_name(user)
    if name is None:
        return "站点管理员还没有登记你的实名，暂时不能审核。请联系站点管理员在“用户”中填写“实名”。"
    try:
        with transaction.atomic():
            approval = ReviewApproval.objects.create(
                page_id=state.workflow_state.object_id,
                revision=state.revision,
                task_state=state,
                user=user,
                approver_name=name,
                fingerprint=fingerprint,
                approved_at=timezone.now(),
                comment=comment,
            )
    except IntegrityError:
        return "你已经审核通过了这份内容，不需要重复操作。"
    count = ReviewApproval.objects.filter(task_state=state).count()
    log(
        instance=page.specific,
        action="review.approve",
        user=user,
        revision=state.revision,
        data={"approvals": count, "required": task.required_approvals, "fingerprint": fingerprint},
    )
    task.approval_recorded(state, approval, count)
    if count >= task.required_approvals:
        state.approve(user=user, comment=comment)  # finishes the workflow: publish_approved
    return None


def reject(task_state_id, user, comment):
    with transaction.atomic():
        state = _locked_state(task_state_id)
        refusal = _check_decision(state, user)
        if refusal is None:
            state.reject(user=user, comment=comment)
    if refusal:
        raise ReviewRefused(refusal)


def restart(state, user=None, reason="内容已修改，需重新审核"):
    """Void the round's approvals: cancel the task state and start it again on the latest content."""
    state.cancel(user=user, resume=True, comment=reason)
    workflow_state = state.workflow_state
    workflow_state.refresh_from_db()
    new_state = workflow_state.current_task_state.specific if workflow_state.current_task_state else None
    page = workflow_state.content_object
    if isinstance(page, Page):
        log(instance=page.specific, action="review.restart", user=user, data={"reason": reason})
    if new_state is not None:
        state.task.specific.review_restarted(state, new_state, user)
    return new_state


def restart_if_changed(page, user=None):
    """Called whenever a page gets a new latest revision: changed content under review restarts it.
    The task state is locked as an approval locks it, so an edit racing the last approval
    either restarts the round before it or finds it finished."""
    workflow_state = page.current_workflow_state
    if workflow_state is None or workflow_state.status != workflow_state.STATUS_IN_PROGRESS:
        return None
    current_id = workflow_state.current_task_state_id
    with transaction.atomic():
        state = _locked_state(current_id) if current_id else None
        if not isinstance(state, ReviewTaskState) or state.status != TaskState.STATUS_IN_PROGRESS:
            return None
        if revision_fingerprint(page.get_latest_revision()) == state.fingerprint:
            return None  # a save that changed nothing residents would see
        return restart(state, user)


def sealed_approvals(revision, task_class):
    """The approvals that completed a `task_class` review of exactly this revision's content.

    Empty unless a finished round of that task type approved this revision, every approval
    names the revision's current fingerprint and there are enough of them.
    """
    fingerprint = revision_fingerprint(revision)
    for state in ReviewTaskState.objects.filter(
        revision=revision, status=TaskState.STATUS_APPROVED, fingerprint=fingerprint
    ).select_related("task"):
        task = state.task.specific
        if not isinstance(task, task_class):
            continue
        approvals = list(ReviewApproval.objects.filter(task_state=state).order_by("approved_at", "pk"))
        if len(approvals) >= task.required_approvals and all(a.fingerprint == fingerprint for a in approvals):
            return approvals
    return []
