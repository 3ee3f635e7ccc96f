"""Committee approval (监委会审核): a review task that needs N distinct members to approve."""

from django.contrib.auth.models import Group
from django.core.validators import MinValueValidator
from django.db import models

from portal import roles
from portal.review.models import ReviewTask

from .. import notifications


class CommitteeApprovalTask(ReviewTask):
    """Published only when `quorum` different members approved exactly the same figures.

    Members may not also be staff, site administrators or superusers; nobody who wrote the
    figures since the last publication may approve them; approvals are shown to residents
    under the verified real name (实名) recorded at the moment of approval.
    """

    quorum = models.PositiveSmallIntegerField(
        "所需审核人数",
        default=2,
        validators=[MinValueValidator(2, message="至少需要 2 位不同的监委会成员审核，一个人说了不算。")],
        help_text="需要多少位不同的成员审核通过（至少 2 位）。",
    )
    # Only committee groups can be the reviewers: nobody turns staff into their own checkers.
    groups = models.ManyToManyField(
        Group,
        verbose_name="监委会用户组",
        limit_choices_to=roles.committee_groups,
        help_text="只能选择监委会的用户组。",
    )

    admin_form_fields = [*ReviewTask.admin_form_fields, "quorum"]
    excluded_roles = roles.COMMITTEE_INCOMPATIBLE
    excludes_superusers = True
    requires_verified_name = True
    submit_label = "提交监委会审核"

    class Meta:
        verbose_name = "监委会审核"
        verbose_name_plural = "监委会审核"

    @classmethod
    def get_description(cls):
        return (
            "所选用户组（监委会）中达到规定人数的不同成员审核通过同一内容后才公开；任一成员退回即退回修改。"
        )

    @property
    def required_approvals(self):
        return self.quorum

    # Under review nobody but a superuser edits; any edit voids the approvals anyway.
    def user_can_access_editor(self, obj, user):
        return self.is_reviewer(user) or user.is_superuser

    def locked_for_user(self, obj, user):
        return not user.is_superuser

    def user_can_lock(self, obj, user):
        return False

    def approval_recorded(self, task_state, approval, count):
        from .ledger import DisclosureEvent

        page = task_state.revision.as_object()
        DisclosureEvent.append(
            DisclosureEvent.APPROVED,
            page,
            revision=task_state.revision,
            fingerprint=approval.fingerprint,
            actor=approval.approver_name,
            data={"approvals": count, "quorum": self.quorum, "at": approval.approved_at},
        )
        if count < self.quorum:
            notifications.approval_progress(task_state, page, approval, count, self.quorum)

    def review_restarted(self, old_state, new_state, user):
        notifications.review_restarted(new_state, old_state)
