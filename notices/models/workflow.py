"""Committee approval (监委会审核): a workflow task that needs N distinct members to approve."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.validators import MinValueValidator
from django.db import models, transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import TaskState
from wagtail.models.workflows import AbstractGroupApprovalTask

from .. import notifications
from ..permissions import QUORUM_FLAG


def display_name(user):
    return (user.get_full_name() or user.get_username()).strip()


class CommitteeApprovalTask(AbstractGroupApprovalTask):
    """Published only when `quorum` different members of the chosen groups (监委会) approved.

    Each approval is kept in CommitteeApproval, so residents can see who signed off and
    when, long after the workflow finished. The author of the revision under review cannot
    approve it; any member's rejection sends it back with the comment.
    """

    quorum = models.PositiveSmallIntegerField(
        "所需审核人数",
        default=2,
        validators=[MinValueValidator(1)],
        help_text="需要多少位不同的成员审核通过。",
    )

    admin_form_fields = [*AbstractGroupApprovalTask.admin_form_fields, "quorum"]

    class Meta:
        verbose_name = "监委会审核"
        verbose_name_plural = "监委会审核"

    @classmethod
    def get_description(cls):
        return "所选用户组（监委会）中达到规定人数的不同成员审核通过后才公开；任一成员退回即退回修改。"

    def is_member(self, user):
        return user.is_authenticated and user.is_active and self._user_in_groups(user)

    @staticmethod
    def author_id(task_state):
        return task_state.revision.user_id

    def approvals_for(self, task_state):
        return CommitteeApproval.objects.filter(task_state=task_state)

    # Reviewers see the editor read-only; nobody but a superuser edits while it is under review,
    # so the approvals always cover the exact content that will be published.
    def user_can_access_editor(self, obj, user):
        return self.is_member(user) or user.is_superuser

    def locked_for_user(self, obj, user):
        return not user.is_superuser

    def user_can_lock(self, obj, user):
        return False

    def get_actions(self, obj, user):
        if not self.is_member(user):
            return []
        task_state = obj.current_workflow_task_state
        actions = [("reject", "退回修改", True)]
        if task_state is None:
            return actions
        if user.pk == self.author_id(task_state):
            return []  # the author may neither approve nor reject their own figures
        if not self.approvals_for(task_state).filter(user=user).exists():
            actions += [("approve", "审核通过", False), ("approve", "审核通过并留言", True)]
        return actions

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        comment = kwargs.get("comment", "") or ""
        if not self.is_member(user) or user.pk == self.author_id(task_state):
            raise PermissionDenied
        task_state = self._restart_if_content_changed(task_state, user)
        if action_name == "reject":
            task_state.reject(user=user, comment=comment)
            return None
        if action_name != "approve":
            return None
        approval, created = CommitteeApproval.objects.get_or_create(
            task_state=task_state,
            user=user,
            defaults={
                "page_id": task_state.workflow_state.object_id,
                "revision": task_state.revision,
                "approver_name": display_name(user),
                "comment": comment,
            },
        )
        if not created:
            return None  # the same member approving twice still counts once
        count = self.approvals_for(task_state).count()
        page = task_state.revision.as_object()
        log(
            instance=page,
            action="notices.committee_approve",
            user=user,
            revision=task_state.revision,
            data={"approvals": count, "quorum": self.quorum, "comment": comment},
        )
        if count >= self.quorum:
            setattr(user, QUORUM_FLAG, page.pk)
            try:
                task_state.approve(user=user, comment=comment)  # finishes the workflow: publishes
            finally:
                delattr(user, QUORUM_FLAG)
        else:
            notifications.approval_progress(task_state, page, user, count, self.quorum)
        return None

    def _restart_if_content_changed(self, task_state, user):
        """If the page changed under review (only a superuser can do that), start the review again."""
        latest = task_state.workflow_state.content_object.get_latest_revision()
        if latest is None or latest.pk == task_state.revision_id:
            return task_state
        task_state.cancel(user=user, resume=True, comment="内容已修改，需重新审核")
        return task_state.workflow_state.current_task_state.specific

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not self.is_member(user):
            return TaskState.objects.none()
        return (
            self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
            .exclude(revision__user=user)
            .exclude(committee_approvals__user=user)
        )


class CommitteeApproval(models.Model):
    """One committee member's approval of one revision of a disclosure; kept after the workflow ends."""

    page = models.ForeignKey(
        "notices.FinancialDisclosurePage",
        verbose_name="财务公开",
        on_delete=models.CASCADE,
        related_name="committee_approvals",
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", verbose_name="版本", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    task_state = models.ForeignKey(
        "wagtailcore.TaskState",
        verbose_name="审核任务",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="committee_approvals",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approver_name = models.CharField("审核人姓名", max_length=150)
    approved_at = models.DateTimeField("审核时间", default=timezone.now)
    comment = models.TextField("意见", blank=True)

    class Meta:
        verbose_name = "监委会审核记录"
        verbose_name_plural = "监委会审核记录"
        constraints = [
            models.UniqueConstraint(fields=["task_state", "user"], name="notices_one_approval_per_member")
        ]

    def __str__(self):
        return f"{self.approver_name} {self.approved_at:%Y-%m-%d}"
