"""Email notices about committee approval that Wagtail's own notifications do not cover.

Wagtail already mails the committee when a disclosure is submitted (group approval task),
and the submitter when it is finally approved or sent back with a comment.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.admin.mail import send_mail


def _review_url(task_state):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return base + reverse("review_task", args=(task_state.pk,))


def _members(task_state):
    task = task_state.task.specific
    User = get_user_model()
    return User.objects.filter(groups__in=task.groups.all(), is_active=True).exclude(email="").distinct()


def approval_progress(task_state, page, approval, count, quorum):
    """Tell the submitter and the members who have not approved yet that one more member approved."""
    recipients = set(
        _members(task_state)
        .exclude(pk=approval.user_id)
        .exclude(pk__in=task_state.review_approvals.values("user_id"))
        .values_list("email", flat=True)
    )
    requester = task_state.workflow_state.requested_by
    if requester and requester.email and requester.pk != approval.user_id:
        recipients.add(requester.email)
    if not recipients:
        return
    name = approval.approver_name
    send_mail(
        f"【财务公开审核】{page.title}：{name}已审核通过（{count}/{quorum}）",
        f"{name}已审核通过“{page.title}”，目前 {count} 人通过，还需 {quorum - count} 位监委会成员审核后才会公开。\n\n"
        f"审核页面：{_review_url(task_state)}\n",
        sorted(recipients),
    )


def review_restarted(new_state, old_state):
    """The figures changed under review: earlier approvals are void, every member must look again."""
    recipients = set(_members(new_state).values_list("email", flat=True))
    requester = new_state.workflow_state.requested_by
    if requester and requester.email:
        recipients.add(requester.email)
    if not recipients:
        return
    page = new_state.revision.as_object()
    voided = old_state.review_approvals.count()
    send_mail(
        f"【财务公开审核】{page.title}：内容已修改，需要重新审核",
        f"“{page.title}”在审核期间被修改，此前的 {voided} 份审核通过已作废。"
        f"请打开审核页面核对修改后的内容（新的核验码见页面）再审核：\n\n{_review_url(new_state)}\n",
        sorted(recipients),
    )
