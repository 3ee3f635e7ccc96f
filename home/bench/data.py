"""Bulk data for the benchmark: thousands of pages inserted table by table, with treebeard
paths computed here instead of one `add_child` (and its queries) per page."""

import datetime
import uuid
from collections import Counter
from decimal import Decimal
from urllib.parse import quote

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from wagtail.models import Page, Site

from news.models import ArticlePage, IssuePage, NewsIndexPage, PublicationPage
from notices.models import NoticeIndexPage, NoticePage
from volunteers.models import ServiceRecord, Volunteer, VolunteerBoardPage, VolunteerTeam
from volunteers.models.records import new_public_id
from volunteers.privacy import mask_name
from volunteers.stats import recompute_site

# The issue's sizes (issue 16, item 3); --scale 0.01 gives the 1% comparison. With ten articles
# an issue the site has about 20,000 pages, the size item 3 asks search to be flat at.
FULL = {"notices": 10_000, "volunteers": 3_000, "records": 100_000, "issues": 900}
ARTICLES_PER_ISSUE = 10
# Article subjects, one in turn: a search for one finds a twenty-fourth of the articles.
SUBJECTS = [
    "电梯维修", "加装电梯", "物业管理费使用明细", "党费收缴情况", "垃圾分类", "老旧小区改造",
    "消防安全检查", "停车位划线", "绿化补植", "路灯更换", "雨污分流", "供暖设施检修",
    "社区公益基金", "志愿服务", "邻里守望", "文明家庭评选", "时代先锋", "居民议事会",
    "公共维修资金", "楼道清理", "健康义诊", "防诈骗宣传", "助老餐桌", "四点半课堂",
]  # fmt: skip
# Searches measured: a word on every notice (ten results at either size) and a subject on a
# twenty-fourth of the articles (four results at 1%, ten of more than fifty at full size).
COMMON_WORD = "楼道"
SEARCH_WORD = "加装电梯"
BATCH = 500


def _page_tables(model):
    """The concrete models whose tables hold `model`'s fields, base first (Page … model)."""
    chain = [model, *model._meta.get_parent_list()]
    return [m for m in reversed(chain) if m._meta.concrete_model is m]


def bulk_add_children(parent, pages):
    """Insert unsaved `pages` (all one model) as live children of `parent` in a few queries."""
    return bulk_add_pages([(parent, page) for page in pages])


def bulk_add_pages(pairs):
    """Insert unsaved pages (all one model) as live children of their parents: (parent, page)
    pairs. Parents' numchild is updated in the database and on the given instances."""
    if not pairs:
        return []
    model = type(pairs[0][1])
    content_type = ContentType.objects.get_for_model(model)
    next_id = (Page.objects.order_by("-id").values_list("id", flat=True).first() or 0) + 1
    now = timezone.now()
    added = Counter()
    pages = []
    for offset, (parent, page) in enumerate(pairs):
        page.id = next_id + offset
        for table in _page_tables(model)[1:]:
            setattr(page, table._meta.pk.attname, page.id)
        added[parent.pk] += 1
        page.path = Page._get_path(parent.path, parent.depth + 1, parent.numchild + added[parent.pk])
        page.depth = parent.depth + 1
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.content_type = content_type
        page.locale_id = parent.locale_id
        page.translation_key = uuid.uuid4()
        page.draft_title = page.title
        page.live = True
        page.first_published_at = page.last_published_at = now
        pages.append(page)
    for table in _page_tables(model):
        table._base_manager.all()._batched_insert(pages, list(table._meta.local_concrete_fields), BATCH)
    parents = {parent.pk: parent for parent, _ in pairs}
    by_count = {}
    for pk, count in added.items():
        by_count.setdefault(count, []).append(pk)
        parents[pk].numchild += count
    for count, pks in by_count.items():
        for start in range(0, len(pks), BATCH):
            Page.objects.filter(pk__in=pks[start : start + BATCH]).update(numchild=F("numchild") + count)
    return pages


def _article(issue, n, body):
    """The issue's n-th article (the first is its front page, slug "front")."""
    subject = SUBJECTS[(issue.number * ARTICLES_PER_ISSUE + n) % len(SUBJECTS)]
    return ArticlePage(
        title=f"{issue.title}头版文章" if n == 0 else f"{subject}：居民说说心里话（第{issue.number}期）",
        slug="front" if n == 0 else f"article-{n}",
        lead=f"本期关注{subject}，邻里之间互帮互助。",
        body=body,
    )


def _section(home, model, **fields):
    existing = model.objects.child_of(home).first()
    if existing is not None:
        return existing
    page = home.add_child(instance=model(**fields))
    page.save_revision().publish()
    return page


@transaction.atomic
def build(scale):
    """The data set at `scale` × FULL under the default site's home page; returns the URLs
    worth measuring as {name: path}."""
    sizes = {k: max(1, round(v * scale)) for k, v in FULL.items()}
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    board = _section(home, NoticeIndexPage, title="公开栏", slug="notices", show_in_menus=True)
    news = _section(home, NewsIndexPage, title="社区报", slug="news", show_in_menus=True)
    paper = _section(news, PublicationPage, title="社区快报", slug="kuaibao")
    _section(home, VolunteerBoardPage, title="志愿服务星级榜", slug="volunteers", show_in_menus=True)

    today = timezone.localdate()
    body = [("paragraph", "<p>请居民朋友们互相转告，有问题请到社区服务中心咨询。</p>")]
    notices = [
        NoticePage(
            title=f"关于第{n}号楼道环境整治的通知",
            slug=f"notice-{n}",
            category=("residents", "party", "government")[n % 3],
            issuing_body="社区居委会",
            date=today - datetime.timedelta(days=n % 700),
            summary="请居民朋友们互相转告。",
            public_from=today - datetime.timedelta(days=n % 30),
            public_until=today + datetime.timedelta(days=7),
            body=body,
        )
        for n in range(sizes["notices"])
    ]
    bulk_add_children(board, notices)

    first = today.replace(month=1, day=1)
    issues = bulk_add_children(
        paper,
        [
            IssuePage(
                title=f"社区快报第{n + 1}期",
                slug=f"issue-{n + 1}",
                number=n + 1,
                date=first - datetime.timedelta(days=7 * n),
            )
            for n in range(sizes["issues"])
        ],
    )
    bulk_add_pages([(issue, _article(issue, n, body)) for issue in issues for n in range(ARTICLES_PER_ISSUE)])

    team = VolunteerTeam.objects.create(site=site, name="邻里守望服务队", description="巡访独居老人。")
    volunteers = Volunteer.objects.bulk_create(
        [
            Volunteer(
                site=site,
                number=f"ZY{n:06d}",
                public_id=new_public_id(),
                real_name=f"王秀{n}",
                masked_name=mask_name(f"王秀{n}"),
                joined_on=datetime.date(2023, 3, 5),
            )
            for n in range(sizes["volunteers"])
        ],
        batch_size=BATCH,
    )
    Volunteer.teams.through.objects.bulk_create(
        [Volunteer.teams.through(volunteer=v, volunteerteam=team) for v in volunteers], batch_size=BATCH
    )
    verified = timezone.now()
    ServiceRecord.objects.bulk_create(
        [
            ServiceRecord(
                volunteer=volunteers[n % len(volunteers)],
                team=team,
                date=today - datetime.timedelta(days=n % 400),
                hours=Decimal("2.0") + n % 5,
                activity="楼道清扫",
                verified_at=verified,
            )
            for n in range(sizes["records"])
        ],
        batch_size=BATCH,
    )
    # Bulk inserts skip the signals that keep volunteers' stored hours and stars up to date,
    # and the search index.
    recompute_site(site)
    call_command("update_index", verbosity=0)

    middle = notices[len(notices) // 2]
    issue = issues[0]
    return {
        "home": "/",
        "notice-board": "/notices/",
        "notice-board-page-50": f"/notices/?page={max(1, sizes['notices'] // 40)}",
        "notice": f"/notices/{middle.slug}/",
        "publication": "/news/kuaibao/",
        "publication-year": f"/news/kuaibao/?year={issue.date.year}",
        "issue": f"/news/kuaibao/{issue.slug}/",
        "article": f"/news/kuaibao/{issue.slug}/front/",
        "volunteer-board": "/volunteers/",
        "volunteer-profile": f"/volunteers/v/{volunteers[0].public_id}/",
        "search": f"/search/?q={quote(COMMON_WORD)}",
        "search-rare-word": f"/search/?q={quote(SEARCH_WORD)}",
    }
