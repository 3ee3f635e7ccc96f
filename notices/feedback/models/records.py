"""What happened to a report, append-only: status changes (public, staff named only as
社区工作人员), replies (a later one supersedes, the earlier stays visible as 已更正) and internal
notes. No path edits or deletes a row: save() of an existing row, delete() and the queryset's
update() and delete() all refuse."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from .items import STATUS_CHOICES, Feedback


class AppendOnlyError(RuntimeError):
    """Raised when anything tries to change or remove a record of the handling."""


class AppendOnlyQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AppendOnlyError("办理记录只能追加，不能修改。")

    def delete(self):
        raise AppendOnlyError("办理记录只能追加，不能删除。")

    _raw_delete = delete


class AppendOnly(models.Model):
    feedback = models.ForeignKey(Feedback, on_delete=models.PROTECT)
    created_at = models.DateTimeField("时间", default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="经办人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.feedback_id}·{self._meta.verbose_name}·{self.created_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AppendOnlyError("办理记录只能追加，不能修改。")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("办理记录只能追加，不能删除。")


class FeedbackEvent(AppendOnly):
    """A status change (or withdrawal by the resident): shown publicly without the staff name."""

    status = models.CharField("状态", max_length=20, choices=STATUS_CHOICES)
    reason = models.TextField("说明", blank=True)
    by_resident = models.BooleanField("居民本人操作", default=False)

    class Meta(AppendOnly.Meta):
        verbose_name = "办理进程"
        verbose_name_plural = "办理进程"
        default_related_name = "events"

    @property
    def status_label(self):
        return dict(STATUS_CHOICES).get(self.status, "")

    @property
    def public_actor(self):
        return "居民本人" if self.by_resident else "社区工作人员"


class FeedbackReply(AppendOnly):
    """A reply published with the item. A later reply supersedes it; both stay visible."""

    text = models.TextField("答复内容")

    class Meta(AppendOnly.Meta):
        verbose_name = "答复"
        verbose_name_plural = "答复"
        default_related_name = "replies"


class FeedbackNote(AppendOnly):
    """An internal note (a call made, a visit paid): staff, 网格员 and 监委会 read it, never residents."""

    text = models.TextField("办理情况")

    class Meta(AppendOnly.Meta):
        verbose_name = "内部记录"
        verbose_name_plural = "内部记录"
        default_related_name = "notes"
