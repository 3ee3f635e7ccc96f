"""The editor-in-chief's review (主编审核): one approval of exactly the content submitted."""

from portal.review.models import ReviewTask


class ChiefApprovalTask(ReviewTask):
    """主编 approves a resident editor's issue or article; the approval covers that exact content,
    and whoever wrote a revision since the last publication cannot approve it."""

    class Meta:
        verbose_name = "主编审核"
        verbose_name_plural = "主编审核"

    @classmethod
    def get_description(cls):
        return "所选用户组（主编）中的一位成员审核通过提交的内容后发布；内容在审核中被修改需重新审核。"
