"""Email notices about committee approval that Wagtail's own notifications do not cover.

Wagtail already mails the committee when a disclosure is submitted (group approval task),
and the submitter when it is finally approved or sent back with a comment.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.admin.mail import send_mail


def _admin_edit_url(page):
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    return f"{base}/admin/pages/{page.pk}/edit/"


def approval_progress(task_state, page, approver, count, quorum):
    """Tell the submitter and the other members that one more member approved."""
    task = task_state.task.specific
    User = get_user_model()
    recipients = set(
        User.objects.filter(groups__in=task.groups.all(), is_active=True)
        .exclude(pk=approver.pk)
        .exclude(pk__in=task_state.committee_approvals.values("user_id"))
        .exclude(email="")
        .values_list("email", flat=True)
    )
    requester = task_state.workflow_state.requested_by
    if requester and requester.email and requester.pk != approver.pk:
        recipients.add(requester.email)
    if not recipients:
        return
    name = (approver.get_full_name() or approver.get_username()).strip()
    send_mail(
        f"【财务公开审核】{page.title}：{name}已审核通过（{count}/{quorum}）",
        f"{name}已审核通过“{page.title}”，目前 {count} 人通过，还需 {quorum - count} 位监委会成员审核后才会公开。\n\n"
        f"查看：{_admin_edit_url(page)}\n",
        sorted(recipients),
    )
