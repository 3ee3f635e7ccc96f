"""Commendation periods: a published rating freezes star levels and commendations."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from portal.base_forms import CommunityModelForm

from .records import Volunteer, hours_subquery, public_name_expression, star_level_expression
from .settings import VolunteerSettings, star_words


class CommendationPeriod(models.Model):
    """A half-year (or other) rating period, e.g. 2025年下半年."""

    base_form_class = CommunityModelForm

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name="所属站点", on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField("名称", max_length=60, help_text="例如：2025年下半年")
    start_date = models.DateField("开始日期")
    end_date = models.DateField("结束日期")
    commendation = models.CharField("表彰称号", max_length=40, default="优秀志愿者")
    commend_min_hours = models.DecimalField(
        "表彰所需本期时长（小时）",
        max_digits=6,
        decimal_places=1,
        default=Decimal("40"),
        help_text="本期经核实的服务时长达到此数的志愿者获得表彰。",
    )
    published_at = models.DateTimeField("发布时间", null=True, blank=True, editable=False)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="发布人",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("site"),
        FieldPanel("title"),
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldRowPanel([FieldPanel("commendation"), FieldPanel("commend_min_hours")]),
    ]

    class Meta:
        verbose_name = "评星表彰期"
        verbose_name_plural = "评星表彰期"
        ordering = ["-end_date"]
        constraints = [
            models.UniqueConstraint(fields=["site", "title"], name="volunteers_period_unique_title")
        ]

    def __str__(self):
        return self.title

    @property
    def is_published(self):
        return self.published_at is not None

    def clean(self):
        super().clean()
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "结束日期不能早于开始日期。"})
        if self.pk and CommendationPeriod.objects.filter(pk=self.pk, published_at__isnull=False).exists():
            raise ValidationError("本期评星表彰已发布，内容已冻结，不能再修改。")

    @transaction.atomic
    def publish(self, user=None):
        """Freeze every volunteer's star level, hours and commendation as of now."""
        if self.is_published:
            raise ValidationError("本期评星表彰已发布，不能重复发布。")
        rules = VolunteerSettings.for_site(self.site)
        # Stars count verified hours up to the end of the period, as residents were told.
        volunteers = (
            Volunteer.objects.filter(site=self.site)
            .annotate(
                hours_to_end=hours_subquery(Q(date__lte=self.end_date)),
                period_hours=hours_subquery(Q(date__gte=self.start_date, date__lte=self.end_date)),
                public_name=public_name_expression(),
            )
            .annotate(level_to_end=star_level_expression(rules.thresholds, "hours_to_end"))
        )
        entries = [
            CommendationEntry(
                period=self,
                volunteer_id=v.pk,
                public_name=v.public_name,
                masked_name=v.masked_name,
                name_consented=v.publish_consent,
                star_level=v.level_to_end,
                total_hours=v.hours_to_end,
                period_hours=v.period_hours,
                commended=v.period_hours >= self.commend_min_hours,
            )
            for v in volunteers.iterator()
            if v.hours_to_end > 0
        ]
        CommendationEntry.objects.bulk_create(entries, batch_size=500)
        self.published_at = timezone.now()
        self.published_by = user
        super().save(update_fields=["published_at", "published_by"])
        return len(entries)


class CommendationEntry(models.Model):
    """One volunteer's frozen result in a published period."""

    period = models.ForeignKey(
        CommendationPeriod, verbose_name="评星表彰期", on_delete=models.CASCADE, related_name="entries"
    )
    volunteer = models.ForeignKey(
        Volunteer,
        verbose_name="志愿者",
        null=True,
        on_delete=models.SET_NULL,
        related_name="commendation_entries",
    )
    public_name = models.CharField("发布时的公开姓名", max_length=40)
    masked_name = models.CharField("脱敏姓名", max_length=40)
    name_consented = models.BooleanField("发布时已同意公开姓名", default=False)
    star_level = models.PositiveSmallIntegerField("星级")
    total_hours = models.DecimalField("截至期末累计时长", max_digits=10, decimal_places=1)
    period_hours = models.DecimalField("本期时长", max_digits=10, decimal_places=1)
    commended = models.BooleanField("获得表彰", default=False)

    class Meta:
        verbose_name = "评星表彰结果"
        verbose_name_plural = "评星表彰结果"
        ordering = ["-star_level", "-total_hours", "pk"]
        # A published period's results page reads its entries in this order, a page at a time.
        indexes = [
            models.Index(
                fields=["period", "-star_level", "-total_hours", "id"], name="volunteers_period_rank"
            )
        ]

    def __str__(self):
        return f"{self.period} {self.masked_name}"

    @property
    def star_words(self):
        return star_words(self.star_level)

    @property
    def shown(self):
        return self.shown_name(self.volunteer is not None and self.volunteer.publish_consent)

    def shown_name(self, consent_now):
        """The frozen name, unless consent has since been revoked."""
        if self.name_consented and consent_now:
            return self.public_name
        return self.masked_name
