"""WAGTAIL_FINISH_WORKFLOW_ACTION: what happens when the last reviewer approves.

Wagtail imports this while its own models are still loading, so everything is imported
inside the function.
"""

MISMATCH = "审核记录与内容不一致，未公开。请联系站点管理员检查。"


def publish_approved(workflow_state, user=None):
    """Publish exactly the revision the reviewers approved, never a later one."""
    from wagtail.workflows import publish_workflow_state

    from .actions import ReviewRefused
    from .fingerprint import fingerprint
    from .models import ReviewApproval, ReviewTaskState
    from .records import content_record, revision_fingerprint

    state = workflow_state.current_task_state
    state = state.specific if state is not None else None
    if not isinstance(state, ReviewTaskState):
        if getattr(workflow_state.content_object.specific_class, "requires_review_seal", False):
            raise ReviewRefused("这类内容只能由规定的审核任务审核通过后公开。")
        publish_workflow_state(workflow_state, user=user)
        return
    revision = state.revision
    approved = revision_fingerprint(revision)
    approvals = list(ReviewApproval.objects.filter(task_state=state))
    task = state.task.specific
    if (
        approved != state.fingerprint
        or len(approvals) < task.required_approvals
        or any(a.fingerprint != approved for a in approvals)
    ):
        raise ReviewRefused(MISMATCH)
    latest = workflow_state.content_object.get_latest_revision()
    if latest.pk != revision.pk and revision_fingerprint(latest) != approved:
        raise ReviewRefused(MISMATCH)
    revision.publish(user=user, skip_permission_checks=True)
    page = revision.content_type.get_object_for_this_type(pk=revision.object_id)  # fresh from the database
    if page.live and hasattr(page, "public_record") and fingerprint(content_record(page)) != approved:
        raise ReviewRefused(MISMATCH)  # rolls the publication back with the approval
