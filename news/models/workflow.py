"""The editor-in-chief's review (主编审核): one approval of exactly the content submitted."""

from django.contrib.auth.models import Group
from django.db import models

from portal import roles
from portal.review.models import ReviewTask


class ChiefApprovalTask(ReviewTask):
    """主编 approves a resident editor's issue or article; the approval covers that exact content,
    and whoever wrote a revision since the last publication cannot approve it."""

    groups = models.ManyToManyField(
        Group,
        verbose_name="主编用户组",
        limit_choices_to=roles.chief_groups,
        help_text="只能选择主编的用户组。",
    )

    submit_label = "提交主编审核"

    class Meta:
        verbose_name = "主编审核"
        verbose_name_plural = "主编审核"

    @classmethod
    def get_description(cls):
        return "所选用户组（主编）中的一位成员审核通过提交的内容后发布；内容在审核中被修改需重新审核。"
