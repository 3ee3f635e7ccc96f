"""Import batches: one per imported spreadsheet, so a file is imported once and can be undone."""

import datetime
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

UNDO_DAYS = 7


class ImportBatch(models.Model):
    """The rows of one imported file. The file's SHA-256 is unique per site among batches that
    were not undone: the database refuses the same file twice, even for two confirm clicks."""

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name="所属站点", on_delete=models.CASCADE, related_name="+"
    )
    sha256 = models.CharField("文件指纹（SHA-256）", max_length=64)
    filename = models.CharField("文件名", max_length=255)
    row_count = models.PositiveIntegerField("记录数", default=0)
    total_hours = models.DecimalField("合计时长（小时）", max_digits=10, decimal_places=1, default=0)
    imported_at = models.DateTimeField("导入时间", default=timezone.now)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="导入人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    undone_at = models.DateTimeField("撤销时间", null=True, blank=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="撤销人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "导入批次"
        verbose_name_plural = "导入批次"
        ordering = ["-imported_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "sha256"],
                condition=Q(undone_at__isnull=True),
                name="volunteers_import_file_once",
            )
        ]

    def __str__(self):
        return f"第 {self.pk} 批（{self.filename}）"

    @property
    def label(self):
        """How messages name the batch: number, file and local import date."""
        return (
            f"第 {self.pk} 批“{self.filename}”（{timezone.localtime(self.imported_at):%Y-%m-%d %H:%M} 导入）"
        )

    @property
    def undo_deadline(self):
        return self.imported_at + datetime.timedelta(days=UNDO_DAYS)

    def can_still_undo(self, now=None):
        return self.undone_at is None and (now or timezone.now()) < self.undo_deadline

    def undo_problems(self, now=None):
        """Why this batch may not be undone now, in Chinese; empty if it may."""
        from .periods import CommendationPeriod

        if self.undone_at:
            return [f"{self.label}已于 {timezone.localtime(self.undone_at):%Y-%m-%d %H:%M} 撤销过了。"]
        if not self.can_still_undo(now):
            return [
                f"{self.label}已超过 {UNDO_DAYS} 天（撤销期限到 "
                f"{timezone.localtime(self.undo_deadline):%Y-%m-%d %H:%M}），不能再整批撤销；"
                "如有错误，请在“服务记录”里逐条修改或删除。"
            ]
        problems = []
        verified = self.records.filter(verified_at__isnull=False)
        # A period published after the import froze these hours into its public results.
        later_periods = CommendationPeriod.objects.filter(site=self.site, published_at__gt=self.imported_at)
        for period in later_periods.order_by("end_date"):
            counted = verified.filter(date__lte=period.end_date).count()
            if counted:
                problems.append(
                    f"有 {counted} 条记录已计入已发布的评星表彰期“{period.title}”"
                    f"（{timezone.localtime(period.published_at):%Y-%m-%d} 发布，结果已冻结），"
                    "整批撤销会让公开的星级和表彰与服务记录对不上。如确有错误，请逐条更正。"
                )
        short = self.volunteers_left_short()
        if short:
            names = "、".join(f"{v.number} {v.real_name}（{balance:.2f} 分）" for v, balance in short)
            problems.append(f"这些志愿者的积分已经兑换，撤销后余额将为负数：{names}。请先登记调整积分。")
        return problems

    def volunteers_left_short(self):
        """[(volunteer, balance after undo)] for those whose points balance would go below zero."""
        from .records import PointsTransaction, Volunteer, points_subquery

        earned = dict(
            PointsTransaction.objects.filter(service_record__import_batch=self)
            .values("volunteer")
            .annotate(total=models.Sum("points"))
            .values_list("volunteer", "total")
        )
        volunteers = Volunteer.objects.filter(pk__in=earned).annotate(live_balance=points_subquery())
        return [
            (v, v.live_balance - earned[v.pk])
            for v in volunteers.order_by("number")
            if v.live_balance - earned[v.pk] < 0
        ]

    def undo(self, user=None):
        """Delete the batch's records (and the points they earned), or raise ValidationError."""
        from django.core.exceptions import ValidationError
        from django.db import transaction
        from wagtail.log_actions import log

        with transaction.atomic():
            batch = ImportBatch.objects.select_for_update().get(pk=self.pk)
            problems = batch.undo_problems()
            if problems:
                raise ValidationError(problems)
            records = batch.records.all()
            summary = records.aggregate(count=models.Count("pk"), hours=models.Sum("hours"))
            from .. import stats

            with stats.deferred():  # one recompute for the batch, not one per record
                records.delete()  # their 服务获得 points go with them (CASCADE)
            batch.undone_at = timezone.now()
            batch.undone_by = user
            batch.save(update_fields=["undone_at", "undone_by"])
            log(
                batch,
                "volunteers.import_undone",
                user=user,
                data={
                    "filename": batch.filename,
                    "sha256": batch.sha256,
                    "records": summary["count"],
                    "hours": str(Decimal(summary["hours"] or 0).quantize(Decimal("0.1"))),
                },
            )
        self.undone_at, self.undone_by = batch.undone_at, batch.undone_by
        return summary["count"]
