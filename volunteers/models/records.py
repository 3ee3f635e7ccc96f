"""Volunteer records kept by staff: teams, volunteers, service hours and time-bank points.

Plain Django models managed through Wagtail viewsets. Real names, phone numbers, ID numbers
and addresses are private: public code only reads `display_name` / `public_name_expression()`.
"""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models, transaction
from django.db.models import Case, F, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.images import get_image_model_string
from wagtail.search import index

from portal.base_forms import CommunityModelForm

from ..forms import PointsTransactionForm, VolunteerTeamForm
from ..privacy import mask_name

ZERO = Decimal("0")
HOURS_FIELD = models.DecimalField(max_digits=10, decimal_places=1)
POINTS_FIELD = models.DecimalField(max_digits=12, decimal_places=2)


# Never on a public page, nor in anything public pages keep in the shared cache.
PRIVATE_FIELDS = ("phone", "id_number", "address")


def new_public_id():
    """An opaque id for public URLs, so the volunteer number stays private."""
    return secrets.token_hex(5)


class VolunteerTeam(index.Indexed, models.Model):
    """A volunteer service team (志愿服务队) of one community site; public, so searchable."""

    base_form_class = VolunteerTeamForm

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name="所属站点", on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField("名称", max_length=60)
    description = models.TextField("简介", blank=True)
    leader = models.ForeignKey(
        "Volunteer",
        verbose_name="队长",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="led_teams",
    )
    # Stored by stats.py: verified records served under this team, and their hours.
    verified_hours = models.DecimalField(
        "经核实服务总时长", max_digits=12, decimal_places=1, default=ZERO, editable=False
    )
    verified_records = models.PositiveIntegerField("经核实服务次数", default=0, editable=False)

    panels = [FieldPanel("site"), FieldPanel("name"), FieldPanel("description"), FieldPanel("leader")]
    # Only what the team page shows publicly; never the leader's name.
    search_fields = [
        index.SearchField("name", boost=2),
        index.SearchField("description"),
        index.AutocompleteField("name"),
        index.FilterField("site"),
    ]

    class Meta:
        verbose_name = "志愿服务队"
        verbose_name_plural = "志愿服务队"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="volunteers_team_unique_name")]

    def __str__(self):
        return self.name


def hours_subquery(extra_filter=None):
    """Verified hours of the outer volunteer, as a correlated subquery (one row per volunteer)."""
    records = ServiceRecord.objects.filter(volunteer=OuterRef("pk"), verified_at__isnull=False)
    if extra_filter is not None:
        records = records.filter(extra_filter)
    summed = records.order_by().values("volunteer").annotate(total=Sum("hours")).values("total")
    return Coalesce(
        Subquery(summed, output_field=HOURS_FIELD.clone()), Value(ZERO), output_field=HOURS_FIELD.clone()
    )


def points_subquery():
    summed = (
        PointsTransaction.objects.filter(volunteer=OuterRef("pk"))
        .order_by()
        .values("volunteer")
        .annotate(total=Sum("points"))
        .values("total")
    )
    return Coalesce(
        Subquery(summed, output_field=POINTS_FIELD.clone()), Value(ZERO), output_field=POINTS_FIELD.clone()
    )


def star_level_expression(thresholds, field="total_hours"):
    """Case/When mapping an hours annotation to 0..5 with the site's thresholds."""
    whens = [
        When(**{f"{field}__gte": threshold}, then=Value(level))
        for level, threshold in reversed(list(enumerate(thresholds, start=1)))
    ]
    return Case(*whens, default=Value(0), output_field=models.IntegerField())


def public_name_expression():
    """The name the public may see, computed in SQL: full name only with consent."""
    return Case(
        When(publish_consent=True, then=F("real_name")),
        default=F("masked_name"),
        output_field=models.CharField(),
    )


class VolunteerQuerySet(models.QuerySet):
    def for_site(self, site):
        return self.filter(site=site)

    def public(self):
        """With `public_name`; the hours, points and star level are stored on the row (stats.py)."""
        return self.annotate(public_name=public_name_expression())

    def with_live_stats(self, volunteer_settings=None, year=None):
        """The stored figures computed afresh from the records, as live_*: what stats.py stores
        and the drift check compares with."""
        from .settings import DEFAULT_THRESHOLDS

        thresholds = volunteer_settings.thresholds if volunteer_settings else DEFAULT_THRESHOLDS
        qs = self.annotate(live_total_hours=hours_subquery(), live_points_balance=points_subquery()).annotate(
            live_star_level=star_level_expression(thresholds, "live_total_hours")
        )
        if year is not None:
            qs = qs.annotate(live_year_hours=hours_subquery(Q(date__year=year)))
        return qs

    def search_public_name(self, query):
        """Residents search by what they can see: consented full names, otherwise masked names."""
        query = (query or "").strip()
        if not query:
            return self
        return self.filter(
            Q(publish_consent=True, real_name__icontains=query)
            | Q(publish_consent=False, masked_name__icontains=query)
        )


class Volunteer(models.Model):
    """A registered volunteer. Everything under 个人信息 is private to staff.

    Deliberately not in the Wagtail search index: real names must never reach site search.
    """

    base_form_class = CommunityModelForm

    site = models.ForeignKey(
        "wagtailcore.Site", verbose_name="所属站点", on_delete=models.CASCADE, related_name="+"
    )
    number = models.CharField("志愿者编号", max_length=40)
    public_id = models.CharField(
        "公开编号", max_length=20, unique=True, default=new_public_id, editable=False
    )
    real_name = models.CharField("真实姓名", max_length=40)
    masked_name = models.CharField("脱敏姓名", max_length=40, editable=False, db_index=True)
    phone = models.CharField("联系电话", max_length=30, blank=True)
    id_number = models.CharField("身份证号", max_length=18, blank=True)
    address = models.CharField("住址", max_length=200, blank=True)
    teams = models.ManyToManyField(VolunteerTeam, verbose_name="服务队", blank=True, related_name="members")
    joined_on = models.DateField("加入日期", default=timezone.localdate)
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name="照片",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    publish_consent = models.BooleanField(
        "同意公开姓名和照片",
        default=False,
        help_text="只有本人书面同意后才勾选；取消勾选即撤回，公开页面立即改为脱敏姓名并撤下照片。",
    )
    consent_date = models.DateField("同意日期", null=True, blank=True)
    consent_revoked_on = models.DateField("撤回日期", null=True, blank=True, editable=False)

    # Stored figures, recomputed by stats.py on every write that changes them, so public pages
    # read them instead of summing the records on each request.
    total_hours = models.DecimalField(
        "累计经核实时长", max_digits=10, decimal_places=1, default=ZERO, editable=False
    )
    year_hours = models.DecimalField(
        "本年经核实时长", max_digits=10, decimal_places=1, default=ZERO, editable=False
    )
    hours_year = models.PositiveSmallIntegerField("本年时长所属年份", null=True, editable=False)
    points_balance = models.DecimalField(
        "积分余额", max_digits=12, decimal_places=2, default=ZERO, editable=False
    )
    star_level = models.PositiveSmallIntegerField("星级", default=0, editable=False)

    objects = VolunteerQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("site"), FieldPanel("number")]),
        MultiFieldPanel(
            [
                FieldPanel("real_name"),
                FieldPanel("phone"),
                FieldPanel("id_number"),
                FieldPanel("address"),
            ],
            heading="个人信息（不公开）",
        ),
        FieldPanel("teams"),
        FieldPanel("joined_on"),
        MultiFieldPanel(
            [FieldPanel("publish_consent"), FieldPanel("consent_date"), FieldPanel("photo")],
            heading="公开授权",
        ),
    ]

    class Meta:
        verbose_name = "志愿者"
        verbose_name_plural = "志愿者"
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["site", "number"], name="volunteers_volunteer_unique_number")
        ]
        # The star board's two rankings and its star counts, read in index order.
        indexes = [
            models.Index(fields=["site", "-total_hours", "masked_name", "id"], name="volunteers_rank_all"),
            models.Index(
                fields=["site", "hours_year", "-year_hours", "masked_name", "id"], name="volunteers_rank_year"
            ),
            models.Index(fields=["site", "star_level"], name="volunteers_star_level"),
        ]

    def __str__(self):
        return f"{self.number} {self.real_name}"

    def save(self, *args, **kwargs):
        self.masked_name = mask_name(self.real_name)
        withdrawn = False
        if self.pk and not self.publish_consent:
            withdrawn = Volunteer.objects.filter(pk=self.pk, publish_consent=True).exists()
            if withdrawn:
                self.consent_revoked_on = timezone.localdate()
        if self.publish_consent:
            self.consent_revoked_on = None
        super().save(*args, **kwargs)
        if withdrawn:
            from ..consent import consent_withdrawn

            consent_withdrawn(volunteer=self)

    def clean(self):
        super().clean()
        if self.publish_consent and not self.consent_date:
            raise ValidationError({"consent_date": "勾选同意公开时，请填写本人同意的日期。"})
        if self.consent_date and self.consent_date > timezone.localdate():
            raise ValidationError({"consent_date": "同意日期不能晚于今天。"})

    @property
    def display_name(self):
        """The name public pages show."""
        return self.real_name if self.publish_consent else self.masked_name

    @property
    def star_words(self):
        from .settings import star_words

        return star_words(self.star_level)

    def hours_in(self, year):
        """Verified hours dated in `year` (stored for the year of the last recompute only)."""
        return self.year_hours if self.hours_year == year else ZERO

    @property
    def public_photo(self):
        return self.photo if self.publish_consent else None


class ServiceRecord(models.Model):
    """Hours of service on one day; only verified records count towards stars and points."""

    volunteer = models.ForeignKey(
        Volunteer, verbose_name="志愿者", on_delete=models.CASCADE, related_name="service_records"
    )
    date = models.DateField("服务日期")
    hours = models.DecimalField(
        "时长（小时）",
        max_digits=3,
        decimal_places=1,
        validators=[
            MinValueValidator(Decimal("0.1"), "时长必须大于 0 小时。"),
            MaxValueValidator(Decimal("24"), "一天的服务时长不能超过 24 小时。"),
        ],
    )
    activity = models.CharField("服务内容", max_length=120)
    team = models.ForeignKey(
        VolunteerTeam,
        verbose_name="服务队",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="service_records",
    )
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="核实人",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField("核实时间", null=True, blank=True)
    import_batch = models.ForeignKey(
        "volunteers.ImportBatch",
        verbose_name="导入批次",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="records",
    )

    panels = [
        FieldPanel("volunteer"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("hours")]),
        FieldPanel("activity"),
        FieldPanel("team"),
        FieldRowPanel([FieldPanel("verified_by"), FieldPanel("verified_at")]),
    ]

    class Meta:
        verbose_name = "服务记录"
        verbose_name_plural = "服务记录"
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24), name="volunteers_record_hours_range"
            )
        ]
        indexes = [models.Index(fields=["volunteer", "date"])]

    def __str__(self):
        return f"{self.date} {self.activity} {self.hours} 小时"

    def save(self, *args, **kwargs):
        from .. import stats

        before = getattr(self, "_counted_for", None)
        if before is None and self.pk:
            before = ServiceRecord.objects.filter(pk=self.pk).values_list("volunteer_id", "team_id").first()
        before = before or (None, None)
        # One transaction: a record is never saved without its points and the stored totals.
        with transaction.atomic(), stats.deferred():
            super().save(*args, **kwargs)
            sync_service_points([self])
            stats.changed(volunteers={before[0], self.volunteer_id}, teams={before[1], self.team_id})
        self._counted_for = (self.volunteer_id, self.team_id)

    @classmethod
    def from_db(cls, db, field_names, values):
        record = super().from_db(db, field_names, values)
        # Who and which team the stored totals counted this record for, if it moves.
        record._counted_for = (record.__dict__.get("volunteer_id"), record.__dict__.get("team_id"))
        return record

    def clean(self):
        super().clean()
        if self.date and self.date > timezone.localdate():
            raise ValidationError({"date": "服务日期不能晚于今天。"})
        if self.verified_by_id and not self.verified_at:
            self.verified_at = timezone.now()
        if self.volunteer_id and self.team_id and self.team.site_id != self.volunteer.site_id:
            raise ValidationError({"team": "服务队和志愿者不属于同一个社区。"})

    @property
    def is_verified(self):
        return self.verified_at is not None


def points_for(record, rate):
    return (record.hours * rate).quantize(Decimal("0.01"))


def sync_service_points(records, rate_by_site=None):
    """Keep each record's 服务获得 transaction equal to its verified hours × the site's rate.

    Points are fixed when a record is verified, so a later change of the rate does not
    rewrite balances that volunteers may already have spent.
    """
    from .settings import VolunteerSettings

    rate_by_site = dict(rate_by_site or {})
    existing = {
        t.service_record_id: t
        for t in PointsTransaction.objects.filter(service_record__in=[r.pk for r in records])
    }
    to_create = []
    for record in records:
        txn = existing.get(record.pk)
        if not record.is_verified:
            if txn is not None:
                txn.delete()
            continue
        site_id = record.volunteer.site_id
        if site_id not in rate_by_site:
            rate_by_site[site_id] = VolunteerSettings.for_site(record.volunteer.site).points_per_hour
        points = points_for(record, rate_by_site[site_id])
        if txn is not None:
            if (txn.points, txn.date, txn.volunteer_id) != (points, record.date, record.volunteer_id):
                # A record moved to another volunteer takes its points along.
                txn.points, txn.date, txn.volunteer_id = points, record.date, record.volunteer_id
                txn.save(update_fields=["points", "date", "volunteer"])
            continue
        to_create.append(
            PointsTransaction(
                volunteer_id=record.volunteer_id,
                date=record.date,
                points=points,
                reason=PointsTransaction.Reason.SERVICE,
                note=record.activity[:120],
                service_record=record,
            )
        )
    PointsTransaction.objects.bulk_create(to_create)


class PointsTransaction(models.Model):
    """A movement of time-bank points (公益银行积分): earned, redeemed or awarded."""

    base_form_class = PointsTransactionForm

    class Reason(models.TextChoices):
        SERVICE = "service", "志愿服务获得"
        EXCHANGE = "exchange", "信用大集兑换"
        COMMENDATION = "commendation", "表彰奖励"
        ADJUSTMENT = "adjustment", "人工调整"

    volunteer = models.ForeignKey(
        Volunteer, verbose_name="志愿者", on_delete=models.CASCADE, related_name="points_transactions"
    )
    date = models.DateField("日期", default=timezone.localdate)
    points = models.DecimalField("积分（兑换填负数）", max_digits=8, decimal_places=2)
    reason = models.CharField("事由", max_length=20, choices=Reason.choices)
    note = models.CharField("说明", max_length=120, blank=True)
    service_record = models.OneToOneField(
        ServiceRecord,
        verbose_name="对应服务记录",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.CASCADE,
        related_name="points_transaction",
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    panels = [
        FieldPanel("volunteer"),
        FieldRowPanel([FieldPanel("date"), FieldPanel("points")]),
        FieldPanel("reason"),
        FieldPanel("note"),
    ]

    class Meta:
        verbose_name = "积分记录"
        verbose_name_plural = "积分记录"
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.date} {self.get_reason_display()} {self.points:+}"

    def clean(self):
        super().clean()
        if self.points is None or not self.volunteer_id:
            return
        if self.pk and self.service_record_id:
            raise ValidationError("服务获得的积分随服务记录自动生成，请修改对应的服务记录。")
        if self.points == 0:
            raise ValidationError({"points": "积分不能为 0。"})
        if self.reason == self.Reason.EXCHANGE and self.points > 0:
            raise ValidationError({"points": "兑换扣除的积分请填写负数。"})
        balance = balance_of(self.volunteer_id, exclude_pk=self.pk)
        if balance + self.points < 0:
            raise ValidationError(
                {"points": f"积分余额不足：当前余额 {balance:.2f} 分，不能扣除 {-self.points} 分。"}
            )


def deletion_problem(transaction):
    """Why this points transaction may not be deleted, in Chinese, or "" if it may."""
    if transaction.service_record_id:
        return "服务获得的积分随服务记录自动生成，请修改或删除对应的服务记录。"
    balance = balance_of(transaction.volunteer_id, exclude_pk=transaction.pk)
    if balance < 0:
        return f"不能删除：删除后积分余额将为 {balance:.2f} 分，这些积分已经兑换使用。"
    return ""


def balance_of(volunteer_id, exclude_pk=None):
    qs = PointsTransaction.objects.filter(volunteer_id=volunteer_id)
    if exclude_pk:
        qs = qs.exclude(pk=exclude_pk)
    return qs.aggregate(total=Coalesce(Sum("points"), Value(ZERO), output_field=POINTS_FIELD.clone()))[
        "total"
    ]
