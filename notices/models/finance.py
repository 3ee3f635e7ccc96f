"""Financial disclosures (财务公开): funds, the disclosure page and its line items."""

import csv
import logging
from decimal import Decimal
from urllib.parse import quote

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model
from wagtail.models import Orderable, Page, Site
from wagtail.search import index
from wagtail.url_routing import RouteResult

from portal.base_forms import PortalPageForm, PublicModelForm
from portal.page_cache.memo import site_memo
from portal.review.actions import sealed_approvals
from portal.review.fingerprint import file_sha256, verification_code
from portal.review.models import ReviewedPageMixin
from portal.roles import default_site_id
from portal.spreadsheets import csv_text

from ..finance import (
    DIRECTION_CHOICES,
    EXPENSE,
    INCOME,
    PERIOD_KIND_CHOICES,
    QUARTER,
    Correction,
    compare_with_previous,
    period_bounds,
    period_label,
    totals,
)
from ..forms import FinancialDisclosureForm
from ..money import amount_in_words
from ..panels import CommitteeProgressPanel
from ..permissions import DisclosurePermissionTester, FinanceSectionPermissionTester
from .attachments import keep_copy
from .ledger import DisclosureEvent
from .pages import FINANCE, NoticeBase, PrintableMixin

logger = logging.getLogger(__name__)
CSV_HEADER = ["日期", "收支", "项目", "对方", "金额", "凭证号"]
money_field_kwargs = {"max_digits": 14, "decimal_places": 2}


def current_year():
    return timezone.localdate().year


class Fund(models.Model):
    """A fund or account whose use is disclosed: 党费, 物业管理费, 社区公益基金."""

    base_form_class = PublicModelForm

    site = models.ForeignKey(
        "wagtailcore.Site",
        verbose_name="所属社区",
        on_delete=models.CASCADE,
        related_name="+",
        default=default_site_id,
    )
    name = models.CharField("名称", max_length=60)
    description = models.TextField("说明", blank=True, help_text="资金来源、用途和管理办法。")

    panels = [FieldPanel("site"), FieldPanel("name"), FieldPanel("description")]

    class Meta:
        verbose_name = "资金账户"
        verbose_name_plural = "资金账户"
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="notices_fund_name_per_site")]

    def __str__(self):
        return self.name


class FinancialDisclosureIndexPage(Page):
    """财务公开: holds the disclosures so the committee workflow applies to exactly this subtree."""

    # Creating it sets up the site's permissions and workflows (portal.provisioning).
    community_section = True

    base_form_class = PortalPageForm

    parent_page_types = ["notices.NoticeIndexPage"]
    subpage_types = ["notices.FinancialDisclosurePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "财务公开栏目"
        verbose_name_plural = "财务公开栏目"

    def permissions_for_user(self, user):
        return FinanceSectionPermissionTester(user, self)

    def get_sitemap_urls(self, request=None):
        return []  # it only redirects to the board

    def route(self, request, path_components):
        """A disclosure in one query; a withdrawn one's address says so (410) instead of pretending
        it never existed."""
        if not path_components:
            return super().route(request, path_components)
        disclosure = FinancialDisclosurePage.objects.child_of(self).filter(slug=path_components[0]).first()
        if disclosure is None:
            raise Http404
        if not disclosure.live:
            if disclosure.withdrawal() is not None:
                return RouteResult(disclosure)  # served as a notice of withdrawal, see serve()
            raise Http404
        disclosure._cached_parent_obj = self
        return disclosure.route(request, path_components[1:])

    def serve(self, request, *args, **kwargs):
        # The board lists disclosures with everything else; this is just its finance filter.
        return redirect(self.get_parent().get_url(request) + "?category=finance")


class FinancialDisclosurePage(ReviewedPageMixin, PrintableMixin, RoutablePageMixin, NoticeBase):
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
    # The fund's name as approved: renaming the fund later does not change published figures.
    fund_name = models.CharField("资金账户名称", max_length=60, blank=True, editable=False)
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
    # Goes live only through a complete committee review (portal.review.workflows).
    requires_review_seal = True
    # Once published it stays a record, even withdrawn (its address explains the withdrawal).
    permanent_record = True
    review_template = "notices/admin/review_disclosure.html"

    class Meta:
        verbose_name = "财务公开"
        verbose_name_plural = "财务公开"

    def save(self, *args, **kwargs):
        self.category = FINANCE
        if not self.fund_name and self.fund_id:
            self.fund_name = self.fund.name
        return super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if period_bounds(self.year, self.period_kind, self.period_number) is None:
            raise ValidationError({"period_number": "期间不存在：月度填 1–12，季度填 1–4。"})
        if self.expire_at:
            raise ValidationError({"expire_at": "财务公开不能定时下线；公开后如有错误，请提交更正。"})

    def permissions_for_user(self, user):
        return DisclosurePermissionTester(user, self)

    def serializable_data(self):
        """What a revision stores: also the fund's name and each attachment's title and hash as
        they are now, so what reviewers approve cannot change behind their back (AttachmentCopy)."""
        data = super().serializable_data()
        if not data.get("fund_name") and self.fund_id:
            data["fund_name"] = self.fund.name
        documents = get_document_model().objects.in_bulk(
            [item["attachment"] for item in data.get("line_items", []) if item.get("attachment")]
        )
        for item in data.get("line_items", []):
            document = documents.get(item.get("attachment"))
            item["attachment_title"] = document.title if document else ""
            item["attachment_sha256"] = (keep_copy(document) or "") if document else ""
        return data

    def publish(self, revision, *args, **kwargs):
        """Only the exact content a complete committee quorum approved can go live, by any path."""
        from .workflow import CommitteeApprovalTask

        if not sealed_approvals(revision, CommitteeApprovalTask):
            if kwargs.get("user") is None and revision.approved_go_live_at:
                # publish_scheduled: leave this one unpublished and unscheduled, go on with the rest.
                logger.error(
                    "Scheduled disclosure %s no longer matches its approval; not published.", self.pk
                )
                type(revision).objects.filter(pk=revision.pk).update(approved_go_live_at=None)
                return None
            raise PermissionDenied("财务公开必须经监委会规定人数的成员审核通过同一内容后才能公开。")
        return super().publish(revision, *args, **kwargs)

    def public_record(self):
        """The canonical content residents see; its SHA-256 is what the committee approves."""
        items = list(self.line_items.all())
        income, expense = totals(items)
        return {
            "type": "notices.financialdisclosurepage",
            "page_id": self.pk,
            "title": self.title,
            # What a share card and the browser tab show (og:description, <title>).
            "seo_title": self.seo_title,
            "search_description": self.search_description,
            "fund": self.fund_name or (self.fund.name if self.fund_id else ""),
            "year": self.year,
            "period_kind": self.period_kind,
            "period_number": self.period_number,
            "period": self.period_label,
            "issuing_body": self.issuing_body,
            "date": self.date,
            "summary": self.summary,
            "opening_balance": Decimal(self.opening_balance),
            "income": income,
            "expense": expense,
            "closing_balance": Decimal(self.closing_balance),
            "public_from": self.public_from,
            "public_until": self.public_until,
            # Only when used, so the fingerprints of disclosures published before it stay the same.
            **({"public_working_days": self.public_working_days} if self.public_working_days else {}),
            "objection_office": self.objection_office,
            "objection_phone": self.objection_phone,
            "objection_deadline": self.objection_deadline,
            "line_items": [item.public_record() for item in items],
        }

    # Relations search_text reads; site search prefetches them for a page of results.
    search_text_prefetch = ("line_items",)

    def search_text(self):
        """Fund, period and every line item's wording, for site search."""
        parts = [self.fund_name, self.period_label]
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
        # Items saved before attachments were frozen link to the document itself: fetch it along.
        return list(self.line_items.select_related("attachment"))

    def summary_figures(self, items=None):
        """(label, amount, capital numerals) for the four headline figures."""
        income, expense = totals(self.items() if items is None else items)
        return [
            (label, amount, amount_in_words(amount))
            for label, amount in (
                ("期初余额", self.opening_balance),
                ("本期收入", income),
                ("本期支出", expense),
                ("期末余额", self.closing_balance),
            )
        ]

    def ledger_groups(self, items=None):
        """Items split into 收入 and 支出, each with its sign and subtotal, for residents to add up."""
        items = self.items() if items is None else items
        groups = []
        for direction, label, sign in ((INCOME, "收入", "+"), (EXPENSE, "支出", "−")):
            rows = [item for item in items if item.direction == direction]
            groups.append(
                {
                    "direction": direction,
                    "label": label,
                    "sign": sign,
                    "items": rows,
                    "total": sum((item.amount for item in rows), Decimal("0.00")),
                }
            )
        return groups

    def figures(self):
        income, expense = totals(self.line_items.all())
        return {
            "opening": Decimal(self.opening_balance),
            "closing": Decimal(self.closing_balance),
            "income": income,
            "expense": expense,
        }

    def previous_disclosure(self):
        """The published disclosure of the same fund for the latest earlier period, or None."""
        if not self.fund_id or self.period is None:
            return None
        earlier = [
            page
            for page in FinancialDisclosurePage.objects.live()
            .filter(fund_id=self.fund_id)
            .exclude(pk=self.pk)
            if page.period and page.period[1] < self.period[0]
        ]
        return max(earlier, key=lambda page: page.period[1], default=None)

    def review_context(self):
        """For the committee's review page: the comparison with the last period."""
        previous = self.previous_disclosure()
        if previous is None:
            return {"previous": None, "comparison": []}
        return {"previous": previous, "comparison": compare_with_previous(self.figures(), previous.figures())}

    def committee_signoff(self, publications=None):
        """The approvals that published the live version: verified names, the date of the last one.
        Only approvals that name the published fingerprint count."""
        publications = self.publications() if publications is None else publications
        if not self.live_revision_id or not publications:
            return None
        from portal.review.models import ReviewApproval

        approvals = list(
            ReviewApproval.objects.filter(
                page_id=self.pk,
                revision_id=self.live_revision_id,
                fingerprint=publications[-1].fingerprint,
                task_state__status="approved",
            ).order_by("approved_at", "pk")
        )
        if not approvals:
            return None
        return {
            "names": [a.approver_name for a in approvals],
            "date": timezone.localdate(approvals[-1].approved_at),
            "approvals": approvals,
        }

    def publications(self):
        """Every published version, oldest first, from the disclosure log."""
        return list(
            DisclosureEvent.objects.filter(page_id=self.pk, kind__in=DisclosureEvent.PUBLICATIONS).order_by(
                "pk"
            )
        )

    def corrections(self, publications=None):
        """Each republication that changed the published figures, newest first, with its fingerprint."""
        publications = self.publications() if publications is None else publications
        result = []
        for entry in publications[1:]:
            if not entry.payload.get("changes"):
                continue
            result.append(
                {
                    "date": timezone.localdate(entry.created_at),
                    "change": Correction.from_data(entry.payload.get("changes", {})),
                    "code": verification_code(entry.fingerprint),
                }
            )
        return list(reversed(result))

    def withdrawal(self):
        return DisclosureEvent.objects.filter(page_id=self.pk, kind=DisclosureEvent.WITHDRAWN).last()

    def serve(self, request, *args, **kwargs):
        if not self.live:
            return self.serve_withdrawn(request)
        return super().serve(request, *args, **kwargs)

    def serve_withdrawn(self, request):
        """At a withdrawn disclosure's address residents read when and why it was withdrawn (410)."""
        event = self.withdrawal()
        if event is None:
            raise Http404
        publications = self.publications()
        return TemplateResponse(
            request,
            "notices/withdrawn_disclosure.html",
            {
                "page": self,
                "published_title": publications[-1].payload["record"]["title"]
                if publications
                else self.title,
                "withdrawn_on": timezone.localdate(event.created_at),
                "reason": event.payload.get("reason", ""),
                "verification_code": verification_code(publications[-1].fingerprint) if publications else "",
            },
            status=410,
        )

    def published_log(self, request=None):
        """What the disclosure log says about the live version, as its public pages show it:
        sign-off, corrections, versions and the record residents can hash. Read from the log
        once and kept until the site is next written (portal.page_cache.memo); the log itself
        is append-only and every publication writes the page, so nothing here goes stale."""

        def compute():
            publications = self.publications()
            signoff = self.committee_signoff(publications)
            latest = publications[-1] if publications else None
            return {
                "signoff": signoff
                and {
                    "names": signoff["names"],
                    "date": signoff["date"],
                    "approvals": [
                        {
                            "name": a.approver_name,
                            "approved_at": timezone.localtime(a.approved_at).isoformat(),
                            "fingerprint": a.fingerprint,
                        }
                        for a in signoff["approvals"]
                    ],
                },
                "corrections": self.corrections(publications),
                "versions": [
                    {
                        "date": timezone.localdate(e.created_at),
                        "code": verification_code(e.fingerprint),
                        "kind": e.kind,
                        "published_at": timezone.localtime(e.created_at).isoformat(),
                        "fingerprint": e.fingerprint,
                    }
                    for e in publications
                ],
                "verification_code": verification_code(latest.fingerprint) if latest else "",
                "record": latest.payload["record"] if latest else None,
                "fingerprint": latest.fingerprint if latest else "",
            }

        site = Site.find_for_request(request) if request is not None else None
        if site is None or not self.live:
            return compute()
        return site_memo(site.pk, f"notices:disclosure-log:{self.pk}:{self.live_revision_id}", compute)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        log = self.published_log(request) if self.live else {}
        items = self.items()
        context.update(
            items=items,
            ledger_groups=self.ledger_groups(items),
            figures=self.summary_figures(items),
            signoff=log.get("signoff"),
            corrections=log.get("corrections", []),
            versions=log.get("versions", []),
            verification_code=log.get("verification_code", ""),
        )
        return context

    def record_view(self, request):
        """The canonical record of the live version, its fingerprint and who approved it."""
        log = self.published_log(request)
        if log["record"] is None:
            return JsonResponse({"error": "本公示还没有经审核公开的版本。"}, status=404)
        return JsonResponse(
            {
                "record": log["record"],
                "fingerprint": log["fingerprint"],
                "verification_code": log["verification_code"],
                "fingerprint_method": "SHA-256(record 的规范 JSON：键按字母排序、无空格、UTF-8)",
                "approvals": log["signoff"]["approvals"] if log["signoff"] else [],
                "versions": [
                    {"kind": v["kind"], "published_at": v["published_at"], "fingerprint": v["fingerprint"]}
                    for v in log["versions"]
                ],
            },
            json_dumps_params={"ensure_ascii": False, "indent": 2},
        )

    @path("csv/")
    def csv_view(self, request):
        """The line items as a CSV that Excel opens correctly (UTF-8 with BOM)."""
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        filename = f"{self.fund_name}-{self.period_label}.csv"
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
        code = self.published_log(request)["verification_code"]
        if code:
            writer.writerow(["核验码", code])
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
    # The attachment as submitted for review: its title and the hash of its bytes (a copy is kept).
    attachment_title = models.CharField("附件名称", max_length=255, blank=True, editable=False)
    attachment_sha256 = models.CharField("附件指纹", max_length=64, blank=True, editable=False)

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

    def public_record(self):
        attachment = None
        if self.attachment_sha256:
            attachment = {"title": self.attachment_title, "sha256": self.attachment_sha256}
        elif self.attachment_id:  # saved before attachments were frozen
            attachment = {"title": self.attachment.title, "sha256": file_sha256(self.attachment.file)}
        return {
            "date": self.date,
            "direction": self.direction,
            "item": self.item,
            "counterparty": self.counterparty,
            "amount": Decimal(self.amount),
            "voucher_no": self.voucher_no,
            "attachment": attachment,
        }
