"""The notice board: its index page, the fields every notice shares and ordinary notices."""

import hashlib

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from portal.base_forms import PortalPageForm
from portal.page_cache.memo import request_memo
from portal.pagination import page_starts, paginate, paginate_from_keys
from portal.params import ascii_int
from portal.review.permissions import PublicRecordsPermissionTester
from portal.workdays import add_working_days, is_working_day

from ..blocks import NoticeBodyBlock
from ..forms import NoticeForm
from ..qr import qr_svg
from ..status import notice_status

CATEGORY_CHOICES = [
    ("party", "党务公开"),
    ("government", "政务公开"),
    ("residents", "居务公开"),
    ("finance", "财务公开"),
]
CATEGORY_LABELS = dict(CATEGORY_CHOICES)
FINANCE = "finance"


class NoticeTag(TaggedItemBase):
    content_object = ParentalKey("notices.NoticeBase", related_name="tagged_items", on_delete=models.CASCADE)


class NoticeIndexPage(RoutablePageMixin, Page):
    """公开栏: every notice and disclosure of one community site, newest first, filterable."""

    # Creating it sets up the site's permissions and workflows (portal.provisioning).
    community_section = True

    base_form_class = PortalPageForm

    intro = RichTextField("简介", blank=True, features=["bold", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["notices.NoticePage", "notices.FinancialDisclosureIndexPage"]
    max_count_per_parent = 1
    per_page = 20
    feed_size = 30
    tags_shown = 15
    # Newest first; the page id breaks ties so every notice has one place (keyset pagination).
    ORDER = ("-date", "-pk")
    LISTED_FIELDS = (
        "id",
        "title",
        "slug",
        "url_path",
        "path",
        "depth",
        "category",
        "date",
        "public_from",
        "public_until",
        "public_working_days",
    )

    class Meta:
        verbose_name = "公开栏"
        verbose_name_plural = "公开栏"

    def permissions_for_user(self, user):
        return PublicRecordsPermissionTester(user, self)

    def notices(self):
        return NoticeBase.objects.live().public().descendant_of(self).order_by(*self.ORDER)

    @staticmethod
    def clean_filters(params):
        """Only known categories and sane years count; anything else is ignored."""
        category = params.get("category", "")
        category = category if category in CATEGORY_LABELS else ""
        year = ascii_int(params.get("year"), min_value=1900, max_value=2999)
        tag = params.get("tag", "").replace("\x00", "").strip()[:100]  # PostgreSQL rejects NUL
        return {"category": category, "year": year, "tag": tag}

    def filtered(self, filters):
        notices = self.notices()
        if filters["category"]:
            notices = notices.filter(category=filters["category"])
        if filters["year"]:
            notices = notices.filter(date__year=filters["year"])
        if filters["tag"]:
            notices = notices.filter(tags__name=filters["tag"])
        return notices

    def _link(self, filters, **changes):
        query = {k: v for k, v in {**filters, **changes}.items() if v}
        return "?" + urlencode(query) if query else "?"

    def memo(self, request, name, compute):
        """compute() kept for this board until its site is written (portal.page_cache.memo)."""
        return request_memo(request, f"notices:board:{self.pk}:{name}", compute)

    def facets(self, request, category):
        """(years newest first, [(tag, notices)] most used first) of a category's notices."""

        def compute():
            in_category = self.filtered({"category": category, "year": None, "tag": ""})
            years = sorted({d.year for d in in_category.dates("date", "year")}, reverse=True)
            tags = (
                NoticeTag.objects.filter(content_object__in=in_category.values("pk"))
                .values("tag__name")
                .annotate(n=Count("id"))
                .order_by("-n", "tag__name")
                .values_list("tag__name", "n")
            )
            return years, list(tags)

        return self.memo(request, f"facets:{category}", compute)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        filters = self.clean_filters(request.GET)
        # Years and tags offered are those of the chosen category (no 党费 tag under 财务公开).
        years, tag_counts = self.facets(request, filters["category"])
        notices = self.filtered(filters).only(*self.LISTED_FIELDS)
        # A year or tag that no notice of the category has matches nothing: no query, no memo.
        # The rows are read only if the list is not already rendered ({% sitecache %}).
        if (filters["year"] and filters["year"] not in years) or (
            filters["tag"] and filters["tag"] not in dict(tag_counts)
        ):
            page_obj = paginate_from_keys(request, notices, self.ORDER, self.per_page, (0, []))
        elif filters["tag"]:
            # The database finds a tag's notices first and sorts them all: keep their order
            # instead, and read a page by id.
            tag = hashlib.sha256(filters["tag"].encode()).hexdigest()[:16]
            ids = self.memo(
                request,
                f"tagged:{filters['category']}:{filters['year'] or ''}:{tag}",
                lambda: list(notices.order_by(*self.ORDER).values_list("pk", flat=True)),
            )
            page_obj = paginate(request, ids, self.per_page)
            page_ids = list(page_obj.object_list)

            def by_id():
                # The ids are the filter's answer: read them by id alone (with the tag's join
                # the database would go through all of the tag's notices again).
                rows = NoticeBase.objects.only(*self.LISTED_FIELDS).in_bulk(page_ids)
                return [rows[pk] for pk in page_ids if pk in rows]

            page_obj.object_list = SimpleLazyObject(by_id)
        else:
            starts = self.memo(
                request,
                f"starts:{filters['category']}:{filters['year'] or ''}",
                lambda: page_starts(notices, self.ORDER, self.per_page),
            )
            page_obj = paginate_from_keys(request, notices, self.ORDER, self.per_page, starts, lazy=True)
        rows = page_obj.object_list

        def with_status():
            today = timezone.localdate()
            listed = list(rows)
            for notice in listed:
                notice.current_status = notice.status_on(today)
            return listed

        page_obj.object_list = SimpleLazyObject(with_status)
        tags = [name for name, _ in tag_counts[: self.tags_shown]]
        chosen = [
            CATEGORY_LABELS[filters["category"]] if filters["category"] else "全部类别",
            f"{filters['year']}年" if filters["year"] else "",
            f"标签“{filters['tag']}”" if filters["tag"] else "",
        ]
        context.update(
            filters=filters,
            filters_active=any(filters.values()),
            filter_summary=" · ".join(c for c in chosen if c),
            page_obj=page_obj,
            notices=page_obj.object_list,
            category_links=[("", "全部", self._link(filters, category=""))]
            + [(key, label, self._link(filters, category=key)) for key, label in CATEGORY_CHOICES],
            year_links=[(y, self._link(filters, year=y)) for y in years],
            all_years_link=self._link(filters, year=None),
            tag_links=[(name, self._link(filters, tag=name)) for name in tags],
            clear_tag_link=self._link(filters, tag=""),
            feed_url=self.get_url(request)
            + self.reverse_subpage("feed")
            + (f"?category={filters['category']}" if filters["category"] else ""),
        )
        return context

    @path("feed/")
    def feed(self, request):
        """RSS 2.0 of the latest notices, optionally of one category."""
        from notices.feeds import NoticeBoardFeed

        return NoticeBoardFeed(self)(request)


class PrintableMixin:
    """`print/`: an A4 sheet for the physical board with a QR code back to the online page."""

    @path("print/")
    def print_view(self, request):
        url = self.get_full_url(request)
        return self.render(
            request,
            template=self.get_template(request).replace(".html", "_print.html"),
            context_overrides={"public_url": url, "qr_svg": qr_svg(url), "for_print": True},
        )


class NoticeBase(Page):
    """What every notice on the board has: category, issuer, date, summary, public-notice period."""

    base_form_class = PortalPageForm

    category = models.CharField("类别", max_length=20, choices=CATEGORY_CHOICES, default="residents")
    issuing_body = models.CharField(
        "发布单位", max_length=60, default="社区居委会", help_text="例如：社区党委、居委会"
    )
    date = models.DateField("发布日期", default=timezone.localdate)
    summary = models.TextField("摘要", blank=True, help_text="一两句话，显示在列表和分享卡片中。")
    public_from = models.DateField("公示开始", null=True, blank=True)
    public_until = models.DateField("公示截止", null=True, blank=True, help_text="不填表示长期公开。")
    public_working_days = models.PositiveSmallIntegerField(
        "公示期（工作日）",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(60)],
        help_text="按工作日计算的公示期（如低保公示 7 个工作日）：填写后公示截止日期按法定工作日自动算出，"
        "开始当天是工作日就算第一天。",
    )
    objection_office = models.CharField("异议受理部门", max_length=80, blank=True)
    objection_phone = models.CharField(
        "异议受理电话", max_length=40, blank=True, help_text="办公室电话，不要填个人手机。"
    )
    objection_deadline = models.DateField("异议截止日期", null=True, blank=True)
    tags = ClusterTaggableManager("标签", through=NoticeTag, blank=True)

    is_creatable = False
    # Published notices are public records: the pages holding them cannot be hidden quietly.
    is_public_record = True

    period_panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [FieldPanel("public_from"), FieldPanel("public_working_days"), FieldPanel("public_until")]
                ),
                FieldPanel("objection_office"),
                FieldPanel("objection_phone"),
                FieldPanel("objection_deadline"),
            ],
            heading="公示期与异议反馈",
        )
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("issuing_body"),
        index.FilterField("category"),
        index.FilterField("date"),
    ]

    class Meta:
        verbose_name = "公告"
        verbose_name_plural = "公告"
        indexes = [
            models.Index(fields=["category", "date"]),
            # The board and feed read newest first, a page at a time (keyset pagination).
            models.Index(fields=["date", "page_ptr"], name="notices_notice_date_idx"),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if self.public_working_days:
            if not self.public_from:
                errors["public_from"] = "公示期按工作日计算时，请填写公示开始日期。"
            else:
                self.public_until = self.working_days_end()
        if self.public_from and self.public_until and self.public_until < self.public_from:
            errors["public_until"] = "公示截止日期不能早于开始日期。"
        if self.public_until and not self.public_from:
            errors["public_from"] = "请填写公示开始日期。"
        if self.objection_deadline and self.public_from and self.objection_deadline < self.public_from:
            errors["objection_deadline"] = "异议截止日期不能早于公示开始日期。"
        if errors:
            raise ValidationError(errors)

    def working_days_end(self):
        """The last day of a period of `public_working_days` working days from `public_from`."""
        n = self.public_working_days
        return add_working_days(self.public_from, n - 1 if is_working_day(self.public_from) else n)

    def status_on(self, today=None):
        return notice_status(
            self.public_from, self.public_until, today, working_days=bool(self.public_working_days)
        )

    @property
    def status(self):
        return self.status_on()

    @property
    def category_label(self):
        return CATEGORY_LABELS.get(self.category, "")


class NoticePage(PrintableMixin, RoutablePageMixin, NoticeBase):
    """An ordinary notice: policy document, residents' committee work, problem handling."""

    body = StreamField(NoticeBodyBlock(), verbose_name="正文", blank=True)

    base_form_class = NoticeForm

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("category"), FieldPanel("issuing_body")]),
        FieldPanel("date"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("tags"),
        *NoticeBase.period_panels,
        InlinePanel("related_links", label="相关公告", heading="相关公告"),
    ]

    search_fields = [*NoticeBase.search_fields, index.SearchField("body")]

    parent_page_types = ["notices.NoticeIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "公告"
        verbose_name_plural = "公告"

    def clean(self):
        super().clean()
        if self.category == FINANCE:
            raise ValidationError({"category": "财务公开请新建“财务公开”页面，须经监委会审核后才能公开。"})

    def related_notices(self):
        ids = [link.notice_id for link in self.related_links.all() if link.notice_id]
        pages = {p.pk: p for p in NoticeBase.objects.live().public().filter(pk__in=ids)}
        return [pages[i] for i in ids if i in pages]


class RelatedNotice(Orderable):
    page = ParentalKey(NoticePage, related_name="related_links", on_delete=models.CASCADE)
    notice = models.ForeignKey(
        "wagtailcore.Page", verbose_name="公告", on_delete=models.CASCADE, related_name="+"
    )

    panels = [PageChooserPanel("notice", ["notices.NoticePage", "notices.FinancialDisclosurePage"])]

    class Meta(Orderable.Meta):
        verbose_name = "相关公告"
