"""Financial disclosures (财务公开): funds, the disclosure page and its line items."""

import csv
from decimal import Decimal
from urllib.parse import quote

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Orderable, Page, PageLogEntry
from wagtail.search import index

from ..finance import (
    DIRECTION_CHOICES,
    INCOME,
    PERIOD_KIND_CHOICES,
    QUARTER,
    diff_contents,
    period_bounds,
    period_label,
    totals,
)
from ..forms import FinancialDisclosureForm
from ..money import amount_in_words
from ..panels import CommitteeProgressPanel
from ..permissions import DisclosurePermissionTester
from .pages import FINANCE, NoticeBase, PrintableMixin

CSV_HEADER = ["日期", "收支", "项目", "对方", "金额", "凭证号"]
money_field_kwargs = {"max_digits": 14, "decimal_places": 2}


def csv_text(value):
    """Text cells Excel would run as a formula get a leading apostrophe (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def current_year():
    return timezone.localdate().year


class Fund(models.Model):
    """A fund or account whose use is disclosed: 党费, 物业管理费, 社区公益基金."""

    name = models.CharField("名称", max_length=60, unique=True)
    description = models.TextField("说明", blank=True, help_text="资金来源、用途和管理办法。")

    panels = [FieldPanel("name"), FieldPanel("description")]

    class Meta:
        verbose_name = "资金账户"
        verbose_name_plural = "资金账户"
        ordering = ["name"]

    def __str__(self):
        return self.name


class FinancialDisclosureIndexPage(Page):
    """财务公开: holds the disclosures so the committee workflow applies to exactly this subtree."""

    parent_page_types = ["notices.NoticeIndexPage"]
    subpage_types = ["notices.FinancialDisclosurePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "财务公开栏目"
        verbose_name_plural = "财务公开栏目"

    def permissions_for_user(self, user):
        return DisclosurePermissionTester(user, self)

    def get_sitemap_urls(self, request=None):
        return []  # it only redirects to the board

    def serve(self, request, *args, **kwargs):
        # The board lists disclosures with everything else; this is just its finance filter.
        return redirect(self.get_parent().get_url(request) + "?category=finance")


class FinancialDisclosurePage(PrintableMixin, RoutablePageMixin, NoticeBase):
    """One fund's income and expenses for a month or quarter, approved by 监委会 before it is public."""

    fund = models.ForeignKey(
        Fund, verbose_name="资金账户", on_delete=models.PROTECT, related_name="disclosures"
    )
    year = models.PositiveSmallIntegerField(
        "年度", validators=[MinValueValidator(2000), MaxValueValidator(2100)], default=current_year
    )
    period_kind = models.CharField("期间类型", max_length=10, choices=PERIOD_KIND_CHOICES, default=QUARTER)
    period_number = models.PositiveSmallIntegerField(
        "月份或季度",
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text="月度填 1–12，季度填 1–4。",
    )
    opening_balance = models.DecimalField("期初余额（元）", **money_field_kwargs)
    closing_balance = models.DecimalField(
        "期末余额（元）", **money_field_kwargs, help_text="按账本填写，系统会核对。"
    )

    base_form_class = FinancialDisclosureForm

    content_panels = [
        CommitteeProgressPanel(heading="监委会审核"),
        *Page.content_panels,
        FieldPanel("issuing_body"),
        FieldPanel("date"),
        MultiFieldPanel(
            [
                FieldPanel("fund"),
                FieldRowPanel([FieldPanel("year"), FieldPanel("period_kind"), FieldPanel("period_number")]),
            ],
            heading="资金账户与期间",
        ),
        FieldRowPanel([FieldPanel("opening_balance"), FieldPanel("closing_balance")]),
        InlinePanel("line_items", label="收支明细", heading="收支明细", min_num=1),
        FieldPanel("summary"),
        FieldPanel("tags"),
        *NoticeBase.period_panels,
    ]

    search_fields = [
        *NoticeBase.search_fields,
        # Methods rather than RelatedFields: plain text indexes the same on every backend.
        index.SearchField("search_text"),
    ]

    parent_page_types = ["notices.FinancialDisclosureIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "财务公开"
        verbose_name_plural = "财务公开"

    def save(self, *args, **kwargs):
        self.category = FINANCE
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if period_bounds(self.year, self.period_kind, self.period_number) is None:
            raise ValidationError({"period_number": "期间不存在：月度填 1–12，季度填 1–4。"})

    def permissions_for_user(self, user):
        return DisclosurePermissionTester(user, self)

    def search_text(self):
        """Fund, period and every line item's wording, for site search."""
        parts = [self.fund.name if self.fund_id else "", self.period_label]
        for item in self.line_items.all():
            parts += [item.item, item.counterparty, item.voucher_no]
        return " ".join(p for p in parts if p)

    @property
    def period(self):
        return period_bounds(self.year, self.period_kind, self.period_number)

    @property
    def period_label(self):
        return period_label(self.year, self.period_kind, self.period_number)

    def items(self):
        return list(self.line_items.all())

    def summary_figures(self):
        """(label, amount, capital numerals) for the four headline figures."""
        income, expense = totals(self.items())
        return [
            (label, amount, amount_in_words(amount))
            for label, amount in (
                ("期初余额", self.opening_balance),
                ("本期收入", income),
                ("本期支出", expense),
                ("期末余额", self.closing_balance),
            )
        ]

    def committee_signoff(self):
        """The approvals that published the live version: names and the date of the last one."""
        if not self.live_revision_id:
            return None
        approvals = list(
            self.committee_approvals.filter(revision_id=self.live_revision_id).order_by("approved_at")
        )
        if not approvals:
            return None
        return {
            "names": [a.approver_name for a in approvals],
            "date": timezone.localdate(approvals[-1].approved_at),
        }

    def corrections(self):
        """Each republication that changed the published figures, newest first."""
        entries = list(
            PageLogEntry.objects.filter(page=self, action="wagtail.publish", revision__isnull=False)
            .select_related("revision")
            .order_by("timestamp", "pk")
        )
        result = []
        for before, after in zip(entries, entries[1:], strict=False):
            change = diff_contents(before.revision.content, after.revision.content)
            if change:
                result.append({"date": timezone.localdate(after.timestamp), "change": change})
        return list(reversed(result))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            figures=self.summary_figures(),
            signoff=self.committee_signoff(),
            corrections=self.corrections() if self.live else [],
        )
        return context

    @path("csv/")
    def csv_view(self, request):
        """The line items as a CSV that Excel opens correctly (UTF-8 with BOM)."""
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"{self.fund.name}-{self.period_label}.csv"
        response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(CSV_HEADER)
        for item in self.line_items.all():
            writer.writerow(
                [
                    item.date.isoformat(),
                    item.get_direction_display(),
                    csv_text(item.item),
                    csv_text(item.counterparty),
                    f"{item.amount:.2f}",
                    csv_text(item.voucher_no),
                ]
            )
        return response


class DisclosureItem(Orderable):
    """One income or expense line of a disclosure."""

    page = ParentalKey(FinancialDisclosurePage, related_name="line_items", on_delete=models.CASCADE)
    date = models.DateField("日期")
    direction = models.CharField("收支", max_length=10, choices=DIRECTION_CHOICES, default=INCOME)
    item = models.CharField("项目", max_length=120)
    counterparty = models.CharField(
        "对方", max_length=120, blank=True, help_text="单位名称；个人只写姓氏加*，如 张*"
    )
    amount = models.DecimalField(
        "金额（元）",
        **money_field_kwargs,
        validators=[MinValueValidator(Decimal("0.01"), message="金额必须大于零。")],
    )
    voucher_no = models.CharField("凭证号", max_length=40, blank=True)
    attachment = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="附件",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldRowPanel([FieldPanel("date"), FieldPanel("direction")]),
        FieldPanel("item"),
        FieldPanel("counterparty"),
        FieldRowPanel([FieldPanel("amount"), FieldPanel("voucher_no")]),
        FieldPanel("attachment"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "收支明细"
        verbose_name_plural = "收支明细"
