"""Role models (榜样): a gallery of honoured residents, with consent-governed names and portraits."""

from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page, PageViewRestriction, Site
from wagtail.search import index

from portal.base_forms import PortalPageForm
from portal.blocks import HeadingBlock, QuoteBlock
from portal.page_cache.memo import site_memo
from portal.params import ascii_int, page_number

from ..privacy import mask_name, mask_names_in
from .records import PRIVATE_FIELDS, Volunteer

HONOURS = [
    ("时代先锋", "时代先锋"),
    ("中国好人", "中国好人"),
    ("山东好人", "山东好人"),
    ("烟台好人", "烟台好人"),
    ("济南好人", "济南好人"),
    ("道德模范", "道德模范"),
    ("公益之星", "公益之星"),
    ("优秀志愿者", "优秀志愿者"),
    ("文明家庭", "文明家庭"),
    ("最美家庭", "最美家庭"),
    ("优秀共产党员", "优秀共产党员"),
    ("好婆婆好媳妇", "好婆婆好媳妇"),
]
HONOUR_NAMES = [h for h, _ in HONOURS]


class StoryBlock(blocks.StreamBlock):
    """The story of a role model: paragraphs, sub-headings and quotations."""

    heading = HeadingBlock(form_classname="title")
    paragraph = blocks.RichTextBlock(label="段落", features=["bold", "italic", "link", "ol", "ul"])
    quote = QuoteBlock()


class RoleModelIndexPage(Page):
    """身边的榜样: the gallery, filterable by honour and year."""

    base_form_class = PortalPageForm

    intro = RichTextField("简介", blank=True, features=["bold", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["volunteers.VolunteerBoardPage"]
    subpage_types = ["volunteers.RoleModelPage"]
    max_count_per_parent = 1
    per_page = 24

    class Meta:
        verbose_name = "榜样风采"
        verbose_name_plural = "榜样风采"

    def site_id(self, request=None):
        parts = self.get_url_parts(request)
        return parts[0] if parts else None

    def memo(self, name, compute, request=None):
        """Same for every visitor; dropped whenever anything on the site is written."""
        return site_memo(self.site_id(request), f"volunteers:gallery:{self.pk}:{name}", compute)

    def restricted_children(self):
        """Role models with a view restriction of their own (the gallery itself is public
        when it is served), looked up once until the site is written."""
        return self.memo(
            "restricted",
            lambda: list(
                PageViewRestriction.objects.filter(page__in=Page.objects.child_of(self)).values_list(
                    "page_id", flat=True
                )
            ),
        )

    def role_models(self):
        return (
            RoleModelPage.objects.child_of(self)
            .live()
            .exclude(pk__in=self.restricted_children())
            .select_related("volunteer", "portrait")
            .defer(*(f"volunteer__{name}" for name in PRIVATE_FIELDS))
            .prefetch_related("portrait__renditions")
        )

    def honours_by_page(self):
        """{role model id: its honours, newest first} for the whole gallery."""
        honours = RoleModelHonour.objects.filter(page__in=self.role_models().order_by().values("pk"))
        by_page = {}
        for honour in honours.order_by("-year", "sort_order"):
            by_page.setdefault(honour.page_id, []).append(honour)
        return by_page

    def facets(self):
        """The honours and years in use, for the filter menus."""
        used = set(
            RoleModelHonour.objects.filter(page__in=self.role_models().order_by().values("pk")).values_list(
                "year", "honour"
            )
        )
        return {
            "years": sorted({year for year, _ in used}, reverse=True),
            "honours": [h for h in HONOUR_NAMES if h in {honour for _, honour in used}],
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        honour = request.GET.get("honour", "")
        honour = honour if honour in HONOUR_NAMES else ""
        year = ascii_int(request.GET.get("year"), min_value=1000, max_value=9999)
        facets = self.memo("facets", self.facets, request)

        pages = self.role_models()
        if honour or year:
            # Honour and year must hold for the same honour, not one honour each.
            matching = RoleModelHonour.objects.all()
            if honour:
                matching = matching.filter(honour=honour)
            if year:
                matching = matching.filter(year=year)
            pages = pages.filter(pk__in=matching.values("page_id"))
        pages = pages.order_by("-first_published_at", "pk")
        count = self.memo(f"count:{honour}:{year}", pages.count, request)
        paginator = Paginator(pages, self.per_page)
        paginator.__dict__["count"] = count  # memoised: no COUNT query
        page_obj = paginator.get_page(page_number(request))
        rows = page_obj.object_list

        def cards():
            # Read only if the gallery's cards are not already rendered ({% sitecache %}).
            listed = list(rows)
            share_names_without_consent(listed, site_id=self.site_id(request))
            honours = self.memo("honours", self.honours_by_page, request)
            for role_model in listed:
                role_model.gallery_honours = honours.get(role_model.pk, [])
            return listed

        page_obj.object_list = SimpleLazyObject(cards)
        context.update(
            {
                "page_obj": page_obj,
                "honour_choices": facets["honours"],
                "years": facets["years"],
                "honour": honour,
                "year": year,
            }
        )
        return context


def site_names_without_consent(site_id):
    """Full names the site may not publish: volunteers and role models without consent.

    Kept with the site's memos, which are dropped on every write to the site, consent
    withdrawals included (consent.py purges the site too)."""

    if site_id is None:
        return frozenset()

    def compute():
        root = Site.objects.select_related("root_page").get(pk=site_id).root_page
        volunteers = Volunteer.objects.filter(site_id=site_id, publish_consent=False).order_by()
        role_models = (
            RoleModelPage.objects.descendant_of(root)
            .filter(Q(publish_consent=False) | Q(volunteer__publish_consent=False))
            .order_by()
        )
        names = volunteers.values_list("real_name", flat=True).union(
            role_models.values_list("real_name", flat=True)
        )
        return frozenset(names)

    return site_memo(site_id, "volunteers:names-without-consent", compute)


def share_names_without_consent(pages, site_id):
    """Look the names up once for a list of role models (a gallery page, the home page)."""
    names = site_names_without_consent(site_id)
    for page in pages:
        page.__dict__["names_without_consent"] = names
    return pages


class RoleModelPage(Page):
    """One role model. The title is always the masked name, so menus and search never leak it."""

    base_form_class = PortalPageForm
    # Its name, without consent, is masked in every role model's texts.
    page_cache_site_wide = True

    real_name = models.CharField(
        "姓名", max_length=40, help_text="未经本人同意公开时，网站只显示脱敏姓名（如 张*芬）。"
    )
    publish_consent = models.BooleanField(
        "本人同意公开姓名和照片",
        default=False,
        help_text="取消勾选并发布即撤回：姓名改为脱敏显示，照片立即撤下。",
    )
    consent_date = models.DateField("同意日期", null=True, blank=True)
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name="对应志愿者",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="role_model_pages",
        help_text="关联后，志愿者档案里撤回公开授权也会立即撤下本页的姓名和照片。",
    )
    portrait = models.ForeignKey(
        get_image_model_string(),
        verbose_name="肖像",
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    portrait_alt = models.CharField(
        "肖像替代文字",
        max_length=200,
        help_text="描述照片内容，供读屏软件朗读，例如：身穿红马甲的志愿者在楼道里为老人量血压。",
    )
    summary = models.CharField("一句话事迹", max_length=160)
    story = StreamField(StoryBlock(), verbose_name="事迹", blank=True)

    content_panels = [
        MultiFieldPanel(
            [
                FieldPanel("real_name"),
                FieldPanel("publish_consent"),
                FieldPanel("consent_date"),
                FieldPanel("volunteer"),
            ],
            heading="姓名与公开授权",
        ),
        MultiFieldPanel([FieldPanel("portrait"), FieldPanel("portrait_alt")], heading="肖像"),
        FieldPanel("summary"),
        InlinePanel("honours", label="荣誉", min_num=1),
        FieldPanel("story"),
    ]
    # The title is the masked name; real_name is deliberately not indexed, and the texts are
    # indexed as the public sees them (names without consent masked).
    search_fields = [
        *Page.search_fields,
        index.SearchField("public_summary"),
        index.SearchField("public_story_text"),
        index.RelatedFields("honours", [index.SearchField("honour"), index.SearchField("awarding_body")]),
    ]

    parent_page_types = ["volunteers.RoleModelIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = "榜样"
        verbose_name_plural = "榜样"

    def full_clean(self, *args, **kwargs):
        self.title = mask_name(self.real_name)
        self.draft_title = self.title
        if not self.slug and not slugify(self.title, allow_unicode=True):
            self.slug = f"rolemodel-{timezone.now():%Y%m%d%H%M%S}"
        super().full_clean(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.publish_consent and not self.consent_date:
            raise ValidationError({"consent_date": "勾选同意公开时，请填写本人同意的日期。"})

    @property
    def has_consent(self):
        """Consent on this page and, when linked, on the volunteer record too."""
        if not self.publish_consent:
            return False
        return self.volunteer is None or self.volunteer.publish_consent

    @property
    def masked_name(self):
        return mask_name(self.real_name)

    @property
    def display_name(self):
        return self.real_name if self.has_consent else self.masked_name

    @property
    def public_title(self):
        """Search results name the person as the gallery does (the title is always masked)."""
        return self.display_name

    @property
    def public_portrait(self):
        return self.portrait if self.has_consent else None

    # -- texts as published: nobody's full name without their consent -------------------

    @cached_property
    def names_without_consent(self):
        parts = self.get_url_parts()
        return site_names_without_consent(parts[0] if parts else None)

    def hidden_names(self):
        names = set(self.names_without_consent)
        if self.has_consent:
            names.discard(self.real_name)
        else:
            names.add(self.real_name)
        return names

    def mask(self, text, html=False):
        return mask_names_in(text, self.hidden_names(), html=html)

    @property
    def public_summary(self):
        return self.mask(self.summary)

    @property
    def public_portrait_alt(self):
        return self.mask(self.portrait_alt)

    def public_story(self):
        """The story's HTML with names masked (the names are plain text, so HTML stays whole)."""
        return mark_safe(self.mask(str(self.story.render_as_block()), html=True))  # noqa: S308

    def public_story_text(self):
        """The story as plain text for the search index, names masked."""
        return self.mask(" ".join(self.story.stream_block.get_searchable_content(self.story)))

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        parts = self.get_url_parts(request)
        if parts and not getattr(request, "is_preview", False):
            # The live page: its honours, gallery link, portrait and linked volunteer are the
            # same for every visitor until the site is written (a preview reads its own).
            facts = site_memo(parts[0], f"volunteers:role-model:{self.pk}", self.live_facts)
            self.portrait, self.volunteer = facts["portrait"], facts["volunteer"]
            context.update(honours=facts["honours"], gallery_url=facts["gallery_url"])
        else:
            context.update(honours=self.honour_list(), gallery_url=self.get_parent().get_url(request))
        # base.html reads these page fields for <title> and the description meta tags.
        self.search_description = self.mask(self.search_description)
        self.seo_title = self.mask(self.seo_title)
        return context

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        withdrawn = (
            self.pk
            and not self.publish_consent
            and (update_fields is None or "publish_consent" in update_fields)
            and RoleModelPage.objects.filter(pk=self.pk, publish_consent=True).exists()
        )
        result = super().save(*args, **kwargs)
        if withdrawn:
            from ..consent import consent_withdrawn

            consent_withdrawn(role_model=self)
        return result

    def honour_list(self):
        return list(self.honours.all())

    def live_facts(self):
        return {
            "portrait": self.portrait,
            "volunteer": (  # for its consent only: no private field goes into the cache
                Volunteer.objects.defer(*PRIVATE_FIELDS).filter(pk=self.volunteer_id).first()
                if self.volunteer_id
                else None
            ),
            "honours": self.honour_list(),
            "gallery_url": self.get_parent().get_url(),
        }


class RoleModelHonour(Orderable):
    """An honour with its year and awarding body, e.g. 2023 中国好人 中央文明办."""

    page = ParentalKey(RoleModelPage, on_delete=models.CASCADE, related_name="honours")
    honour = models.CharField("荣誉称号", max_length=20, choices=HONOURS)
    year = models.PositiveSmallIntegerField("年份")
    awarding_body = models.CharField("授予单位", max_length=80, blank=True)

    panels = [FieldPanel("honour"), FieldPanel("year"), FieldPanel("awarding_body")]

    class Meta(Orderable.Meta):
        verbose_name = "荣誉"
        verbose_name_plural = "荣誉"

    def __str__(self):
        return f"{self.year} {self.honour}"

    def clean(self):
        super().clean()
        this_year = timezone.localdate().year
        if self.year and not 1949 <= self.year <= this_year:
            raise ValidationError({"year": f"年份应在 1949 到 {this_year} 之间。"})
