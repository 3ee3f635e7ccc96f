"""The newspaper's page tree: /news/ → publication → issue → article."""

import math

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q, Value, prefetch_related_objects
from django.db.models.functions import Concat, Length, Substr
from django.http import Http404
from django.utils.functional import SimpleLazyObject
from django.utils.html import strip_tags
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from taggit.models import TaggedItemBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Page
from wagtail.search import index

from news.blocks import RICH_TEXT_FEATURES, ArticleBodyBlock
from news.forms import ArticlePageForm, IssuePageForm
from portal.base_forms import PortalPageForm
from portal.page_cache.memo import request_memo
from portal.pagination import paginate
from portal.params import ascii_int
from portal.review.models import ReviewedPageMixin
from portal.security.uploads import validate_audio_file
from portal.tree import children

from .snippets import Column, Correspondent

RECORDING_HELP = "可选：上传朗读录音（MP3 或 M4A，不超过 30 MB），页面上会出现播放器，读者可直接收听。"


def recording_field():
    return models.FileField(
        "录音",
        upload_to="recordings/%Y/",
        blank=True,
        validators=[validate_audio_file],
        help_text=RECORDING_HELP,
    )


ISSUES_PER_PAGE = 24
# Newest first; the id only breaks ties (an issue number is unique within its publication).
ISSUE_ORDER = ("-date", "-number", "-pk")
CONTENTS_ON_COVER = 8
FEED_LENGTH = 20
# Characters a reader gets through in a minute (Chinese text, unhurried reading).
READING_CHARS_PER_MINUTE = 400


def with_cover_renditions(queryset):
    """Fetch issue covers and all their renditions in two queries, whatever the page size."""
    images = get_image_model().objects.prefetch_renditions()
    return queryset.select_related(None).prefetch_related(Prefetch("cover", queryset=images))


def children_of_outer_page():
    """Filters for the children of the outer query's page. A range on `path` uses its index;
    `path__startswith=OuterRef("path")` became a LIKE that scanned every page for each row."""
    return {
        "depth": OuterRef("depth") + 1,
        "path__gt": OuterRef("path"),
        "path__lte": Concat(OuterRef("path"), Value("Z" * Page.steplen), output_field=models.CharField()),
    }


def listed_issues(queryset=None):
    """Issues readers may see: live, and with at least one live article."""
    queryset = IssuePage.objects.all() if queryset is None else queryset
    live_articles = ArticlePage.objects.live().filter(**children_of_outer_page())
    return queryset.live().public().filter(Exists(live_articles))


def articles_in_live_issues(queryset):
    """Live articles whose issue is live too (an article never goes out before its issue)."""
    live_issue_paths = IssuePage.objects.live().values("path")
    return (
        queryset.live()
        .public()
        .annotate(issue_path=Substr("path", 1, Length("path") - Page.steplen))
        .filter(issue_path__in=live_issue_paths)
    )


def with_bylines(articles):
    """`articles`, with correspondents fetched only for those saved without a byline (every
    revision stores one, so published articles need no query for it)."""
    prefetch_related_objects([a for a in articles if not a.byline_names], "correspondents")
    return articles


def memo(request, name, compute):
    """compute() kept until the request's site is next written (portal.page_cache.memo)."""
    return request_memo(request, f"news:{name}", compute)


def listed_issue_keys(request, publication):
    """[(issue id, year)] of a publication's listed issues, newest first. Finding which issues
    have a live article reads the whole archive, so it is done once per site write: the
    archive, its year links, its pages and an issue's neighbours are then simple look-ups."""

    def compute():
        issues = listed_issues(IssuePage.objects.filter(children(publication)))
        return [(pk, date.year) for pk, date in issues.order_by(*ISSUE_ORDER).values_list("pk", "date")]

    return memo(request, f"issues:{publication.path}", compute)


def issues_by_id(ids):
    """{id: issue} with covers and their renditions, in three queries however many."""
    return {issue.pk: issue for issue in with_cover_renditions(IssuePage.objects.filter(pk__in=ids))}


class NewsIndexPage(Page):
    """/news/: the community's publications, each with its current issue."""

    # Creating it sets up the site's permissions and workflows (portal.provisioning).
    community_section = True

    base_form_class = PortalPageForm

    intro = RichTextField("简介", blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.PublicationPage"]
    # One per community site (each site has one home page).
    max_count_per_parent = 1

    class Meta:
        verbose_name = "社区报首页"
        verbose_name_plural = "社区报首页"

    def publications(self):
        return PublicationPage.objects.filter(children(self)).live().public().order_by("path")

    def publications_with_current_issue(self, request=None):
        """Live publications under this index, each with `.current_issue` (or None). The
        publications are kept per site write: finding an index's children reads its whole
        subtree (every issue and article) on the path index."""
        publications = memo(request, f"publications:{self.pk}", lambda: list(self.publications()))
        current = current_issues(publications, request)
        for publication in publications:
            publication.current_issue = current.get(publication.pk)
        return publications

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["publications"] = self.publications_with_current_issue(request)
        return context


def current_issues(publications, request=None):
    """{publication pk: its latest listed issue}, in a bounded number of queries."""
    latest = {}
    for publication in publications:
        keys = listed_issue_keys(request, publication)
        if keys:
            latest[publication.pk] = keys[0][0]
    issues = issues_by_id(latest.values()) if latest else {}
    return {pk: issues[issue_id] for pk, issue_id in latest.items() if issue_id in issues}


class PublicationPage(RoutablePageMixin, Page):
    """One newspaper, e.g. 《社区快报》: its current issue, archive by year and RSS feed."""

    base_form_class = PortalPageForm

    FREQUENCIES = [
        ("weekly", "周报"),
        ("biweekly", "半月刊"),
        ("monthly", "月刊"),
        ("bimonthly", "双月刊"),
        ("quarterly", "季刊"),
        ("irregular", "不定期"),
    ]

    frequency = models.CharField("出版周期", max_length=20, choices=FREQUENCIES, default="monthly")
    founded_year = models.PositiveIntegerField("创刊年份", null=True, blank=True)
    description = RichTextField("报刊介绍", blank=True, features=RICH_TEXT_FEATURES)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("frequency"), FieldPanel("founded_year")]),
        FieldPanel("description"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("description")]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = ["news.IssuePage"]

    class Meta:
        verbose_name = "报刊"
        verbose_name_plural = "报刊"

    def listed_issues(self):
        return listed_issues(IssuePage.objects.child_of(self))

    def latest_articles(self, limit=FEED_LENGTH, request=None):
        order = (models.F("first_published_at").desc(nulls_last=True), "path")

        def compute():
            articles = articles_in_live_issues(ArticlePage.objects.descendant_of(self))
            return list(articles.order_by(*order).values_list("pk", flat=True)[:limit])

        ids = memo(request, f"latest-articles:{self.pk}:{limit}", compute)
        return (
            ArticlePage.objects.filter(pk__in=ids)
            .select_related("column")
            .prefetch_related("correspondents")
            .order_by(*order)
        )

    def archive(self, request, keys):
        """Year links, the chosen year and one page of issue ids, from `listed_issue_keys`."""
        years = sorted({year for _, year in keys}, reverse=True)
        year, year_error = None, ""
        raw_year = request.GET.get("year", "").strip()
        if raw_year:
            if ascii_int(raw_year) in years:
                year = int(raw_year)
            else:
                year_error = f"没有找到 {raw_year[:10]} 年的期刊，下面列出全部期刊。"
        ids = [pk for pk, issue_year in keys if year is None or issue_year == year]
        return {
            "years": years,
            "year": year,
            "year_error": year_error,
            "issues": paginate(request, ids, ISSUES_PER_PAGE),
        }

    @path("")
    def index(self, request):
        keys = listed_issue_keys(request, self)
        archive = self.archive(request, keys)
        page_obj = archive["issues"]
        current_id = keys[0][0] if keys else None
        ids = list(page_obj.object_list)
        # The current issue and this page of the archive in one go, read only if the template's
        # {% sitecache %} fragments are not already rendered for this site's content.
        issues = SimpleLazyObject(lambda: issues_by_id([*ids, *([current_id] if current_id else [])]))
        page_obj.object_list = SimpleLazyObject(lambda: [issues[pk] for pk in ids if pk in issues])
        current = SimpleLazyObject(lambda: issues.get(current_id))

        def contents():
            # The latest issue's contents sit beside its cover on the first screen.
            if current_id is None:
                return []
            articles = ArticlePage.objects.filter(children(current)).live().public().order_by("path")
            return list(articles.only("title", "url_path", "path", "depth")[:CONTENTS_ON_COVER])

        return self.render(
            request,
            context_overrides={
                "current_issue": current if current_id else None,
                "current_contents": SimpleLazyObject(contents),
                "feed_url": self.get_url(request) + self.reverse_subpage("feed"),
                **archive,
            },
        )

    @path("feed/")
    def feed(self, request):
        from news.feeds import PublicationFeed

        return PublicationFeed(self)(request)


class IssuePage(ReviewedPageMixin, Page):
    """One numbered issue (第N期) of a publication, with its table of contents."""

    # In the admin's listings an issue's title opens its articles (its own form is under 编辑).
    admin_opens_on_children = True
    # It links the older and newer issues (the page cache follows its publication's children).
    page_cache_shows_siblings = True

    number = models.PositiveIntegerField("期号", help_text="本年度或本报的第几期，同一报刊内不能重复。")
    total_number = models.PositiveIntegerField(
        "总期号", null=True, blank=True, help_text="总第几期，可不填。"
    )
    date = models.DateField("出版日期")
    cover = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name="封面",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cover_alt = models.CharField(
        "封面说明（替代文字）",
        max_length=200,
        blank=True,
        help_text="用一句话说清封面的内容；不填则用“某某报第N期封面”。",
    )
    editor_note = RichTextField("编者按", blank=True, features=RICH_TEXT_FEATURES)
    print_edition = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name="印刷版 PDF",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="上传到“社区报”文件夹的 PDF，读者可在浏览器中直接打开。",
    )
    recording = recording_field()

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("number"), FieldPanel("total_number"), FieldPanel("date")]),
        MultiFieldPanel([FieldPanel("cover"), FieldPanel("cover_alt")], heading="封面"),
        FieldPanel("editor_note"),
        FieldPanel("print_edition"),
        FieldPanel("recording"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("editor_note"),
        index.FilterField("date"),
        index.FilterField("number"),
    ]
    base_form_class = IssuePageForm

    parent_page_types = ["news.PublicationPage"]
    subpage_types = ["news.ArticlePage"]

    class Meta:
        verbose_name = "期"
        verbose_name_plural = "期"

    @property
    def number_label(self):
        return f"第{self.number}期"

    @property
    def cover_alt_text(self):
        return self.cover_alt or f"{self.title}封面"

    def live_articles(self):
        return ArticlePage.objects.filter(children(self)).live().public().select_related("column")

    def table_of_contents(self, articles=None):
        """[(column or None, [articles])] in the editors' column order, articles in tree order."""
        articles = with_bylines(list(self.live_articles())) if articles is None else articles
        articles.sort(
            key=lambda a: (a.column is None, a.column.sort_order if a.column else 0, a.column_id or 0, a.path)
        )
        groups = []
        for article in articles:
            if groups and groups[-1][0] == article.column:
                groups[-1][1].append(article)
            else:
                groups.append((article.column, [article]))
        return groups

    def neighbours(self, request=None):
        """(previous, next) listed issues of the same publication, by date then number, and the
        publication, in one query (the archive's order comes from `listed_issue_keys`)."""
        parent_path = self.path[: -self.steplen]
        publication = Page(path=parent_path, depth=self.depth - 1)  # its place in the tree is enough
        ids = [pk for pk, _ in listed_issue_keys(request, publication)]
        if self.pk in ids:
            position = ids.index(self.pk)
            older = ids[position + 1] if position + 1 < len(ids) else None
            newer = ids[position - 1] if position > 0 else None
        else:  # not listed (a preview): its place by date and number
            siblings = listed_issues(IssuePage.objects.filter(children(publication)).exclude(pk=self.pk))
            before = models.Q(date__lt=self.date) | models.Q(date=self.date, number__lt=self.number)
            after = models.Q(date__gt=self.date) | models.Q(date=self.date, number__gt=self.number)
            older = siblings.filter(before).order_by("-date", "-number").values_list("pk", flat=True).first()
            newer = siblings.filter(after).order_by("date", "number").values_list("pk", flat=True).first()
        pages = {
            page.pk if page.path != parent_path else "parent": page
            for page in Page.objects.filter(Q(pk__in=[i for i in (older, newer) if i]) | Q(path=parent_path))
        }
        return pages.get(older), pages.get(newer), pages.get("parent")

    def get_sitemap_urls(self, request=None):
        # portal.sitemaps annotates the answer on every page it lists; elsewhere ask the database.
        has_articles = getattr(self, "sitemap_has_live_children", None)
        if has_articles is None:
            has_articles = self.live_articles().exists()
        return super().get_sitemap_urls(request) if has_articles else []

    def serve(self, request, *args, **kwargs):
        if getattr(request, "is_preview", False):
            # Editors previewing an issue see it before its articles are out.
            if self.cover_id:  # the cover with its renditions, for the page and its share image
                self.cover = get_image_model().objects.prefetch_renditions().filter(pk=self.cover_id).first()
        elif not memo(request, f"issue-out:{self.pk}", lambda: self.live_articles().exists()):
            # An issue goes out only with its articles.
            raise Http404("本期还没有发布的文章")
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False):
            # Editors previewing an issue see its unpublished articles too, marked as such.
            articles = (
                ArticlePage.objects.child_of(self).select_related("column").prefetch_related("correspondents")
            )
            context["toc"] = self.table_of_contents(list(articles))
            neighbours = self.neighbours(request)
        else:
            # The contents are rendered once per site write ({% sitecache %}): read them only then.
            context["toc"] = SimpleLazyObject(self.table_of_contents)
            neighbours = memo(request, f"issue-neighbours:{self.pk}", lambda: self.neighbours(request))
        context["previous_issue"], context["next_issue"], context["publication"] = neighbours
        return context


class ArticlePageTag(TaggedItemBase):
    content_object = ParentalKey("news.ArticlePage", on_delete=models.CASCADE, related_name="tagged_items")


class ArticlePage(ReviewedPageMixin, Page):
    """An article written by resident correspondents, inside one issue."""

    # It links the previous and next articles of its issue (see portal/page_cache/keys.py).
    page_cache_shows_siblings = True

    subtitle = models.CharField("副标题", max_length=120, blank=True)
    column = models.ForeignKey(
        Column,
        verbose_name="栏目",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
    )
    correspondents = ParentalManyToManyField(
        Correspondent, verbose_name="通讯员", blank=True, related_name="articles"
    )
    lead = models.TextField("导语", blank=True, max_length=400)
    body = StreamField(ArticleBodyBlock(), verbose_name="正文")
    recording = recording_field()
    tags = ClusterTaggableManager("标签", through=ArticlePageTag, blank=True)
    byline_names = models.CharField("署名", max_length=255, blank=True, editable=False)
    # The approved revision waiting for its issue to go live (see news.publishing).
    held_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name="待随期刊发布的版本",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("subtitle"),
        FieldRowPanel([FieldPanel("column"), FieldPanel("tags")]),
        FieldPanel("correspondents"),
        FieldPanel("lead"),
        FieldPanel("body"),
        FieldPanel("recording"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("subtitle"),
        index.SearchField("lead"),
        index.SearchField("body"),
        index.RelatedFields("correspondents", [index.SearchField("display_name")]),
    ]
    base_form_class = ArticlePageForm

    parent_page_types = ["news.IssuePage"]
    subpage_types = []

    class Meta:
        verbose_name = "文章"
        verbose_name_plural = "文章"

    def body_text(self):
        parts = [self.lead]
        for block in self.body:
            if block.block_type == "paragraph":
                parts.append(strip_tags(block.value.source))
            elif block.block_type == "heading":
                parts.append(block.value)
            elif block.block_type in ("quote",):
                parts.append(block.value["text"])
            elif block.block_type in ("image", "gallery"):
                parts.append(block.value.get("caption") or "")
        return "".join(parts)

    @property
    def reading_minutes(self):
        characters = len("".join(self.body_text().split()))
        return max(1, math.ceil(characters / READING_CHARS_PER_MINUTE))

    def byline(self):
        return self.byline_names or "、".join(c.display_name for c in self.correspondents.all())

    def publish(self, revision, user=None, **kwargs):
        """Before its issue is live, an approved article is held for the issue, not published."""
        from news import publishing

        if not publishing.issue_is_live(self) and not publishing.scheduled_later(revision.as_object()):
            publishing.hold_for_issue(self, revision, user)
            return None
        result = super().publish(revision, user=user, **kwargs)
        if self.held_revision_id:
            type(self).objects.filter(pk=self.pk).update(held_revision=None)
            self.held_revision = None
        return result

    def with_content_json(self, content):
        """The held revision belongs to the page, not to a revision: editing never clears it."""
        obj = super().with_content_json(content)
        obj.held_revision_id = self.held_revision_id
        return obj

    def save_revision(self, *args, **kwargs):
        # The byline as the chief approves it: renaming a correspondent later changes no article.
        self.byline_names = "、".join(c.display_name for c in self.correspondents.all())
        return super().save_revision(*args, **kwargs)

    def get_sitemap_urls(self, request=None):
        # portal.sitemaps annotates the answer on every page it lists; elsewhere ask the database.
        issue_live = getattr(self, "sitemap_parent_live", None)
        if issue_live is None:
            issue_live = self.get_parent().live
        return super().get_sitemap_urls(request) if issue_live else []

    def issue(self):
        """Its issue, fetched once."""
        if getattr(self, "_issue", None) is None:
            self._issue = IssuePage.objects.get(path=self.path[: -self.steplen])
        return self._issue

    def serve(self, request, *args, **kwargs):
        if getattr(request, "is_preview", False):
            self._view = None
        else:
            # Its issue, neighbours, byline, tags and length are the same for every visitor:
            # worked out once per site write.
            self._view = memo(request, f"article:{self.pk}", lambda: self.surroundings(request))
            # Never show an article before (or after) its issue is out, except in previews.
            if not self._view["issue"].live:
                raise Http404("所在期刊还没有发布")
        return super().serve(request, *args, **kwargs)

    def surroundings(self, request=None):
        """What the article's page shows around its text."""
        issue = self.issue()
        toc_order = [a for _, articles in issue.table_of_contents() for a in articles]
        ids = [a.pk for a in toc_order]
        previous_article = next_article = None
        if self.pk in ids:
            position = ids.index(self.pk)
            previous_article = toc_order[position - 1] if position > 0 else None
            next_article = toc_order[position + 1] if position + 1 < len(ids) else None
        # The byline from the contents' copy of this article, whose correspondents are fetched
        # (a preview shows its own draft's).
        this = (
            self
            if getattr(request, "is_preview", False)
            else next((a for a in toc_order if a.pk == self.pk), self)
        )
        return {
            "issue": issue,
            "publication": issue.get_parent(),
            "previous_article": previous_article,
            "next_article": next_article,
            "byline": this.byline(),
            "reading_minutes": self.reading_minutes,
            "tags": list(self.tags.all()),
            "column": self.column,
        }

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(getattr(self, "_view", None) or self.surroundings(request))
        return context
