"""Demo newspapers for load_demo: 《名郡生活》 (bimonthly, 3 years) and 《社区快报》 (weekly, 26 weeks).

Idempotent: pages are looked up by slug under their parent, snippets, images and documents by
name or title, so a second run creates nothing.
"""

import datetime
import random

from django.apps import apps
from django.core.files.base import ContentFile
from django.test import override_settings
from django.utils import timezone
from django.utils.html import escape
from wagtail.documents import get_document_model
from wagtail.models import Collection, Workflow
from wagtail.rich_text import RichText

from news.models import ArticlePage, Column, Correspondent, IssuePage, NewsIndexPage, PublicationPage
from news.provisioning import COLLECTION_KEY, WORKFLOW_KEY
from portal.demo.media import get_or_create_image, pdf_bytes
from portal.keys import keyed

from .news_content import (
    CORRESPONDENTS,
    DRAFT_ARTICLE,
    EDITOR_NOTES,
    KUAIBAO_ARTICLES,
    KUAIBAO_COLUMNS,
    MINGJUN_ARTICLES,
    MINGJUN_COLUMNS,
    PICTURE_ALT,
    PICTURES,
)

MINGJUN_ISSUES = 18
KUAIBAO_ISSUES = 26
ARTICLES_PER_ISSUE = 3
COLUMN_TAGS = {
    "社区要闻": ["社区治理"],
    "俱乐部服务": ["服务承诺"],
    "邻里园地": ["邻里"],
    "身边好人": ["榜样"],
    "本周要闻": ["社区动态"],
    "通知提醒": ["便民提醒"],
    "志愿服务": ["志愿服务"],
    "居民来稿": ["居民来稿"],
}


def season_of(month):
    return {12: "冬", 1: "冬", 2: "冬", 3: "春", 4: "春", 5: "春", 6: "夏", 7: "夏", 8: "夏"}.get(month, "秋")


def at_eight(date):
    """08:00 Asia/Shanghai on `date`, when the paper goes out."""
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time(8, 0)))


def publish(page, user, when=None, go_live_at=None):
    """Publish a new page as `user`; back-date it to `when`, or schedule it for `go_live_at`."""
    page.go_live_at = go_live_at
    revision = page.save_revision(user=user, log_action=False)
    revision.publish(user=user, log_action=False, skip_permission_checks=True)
    if when and not go_live_at:
        type(page).objects.filter(pk=page.pk).update(first_published_at=when, last_published_at=when)


class NewsDemo:
    def __init__(self, ctx):
        self.ctx = ctx
        self.chief = ctx.users["chief"]
        self.collection = keyed(Collection, COLLECTION_KEY)
        self.today = timezone.localdate()
        self.created = 0

    def run(self):
        self.index = self.get_index()
        self.correspondents = [
            Correspondent.objects.get_or_create(display_name=name, defaults={"note": note})[0]
            for name, note in CORRESPONDENTS
        ]
        self.pictures = {
            key: get_or_create_image(
                f"社区报配图：{title}", text=title, seed=key, size=(960, 640), collection=self.collection
            )
            for key, title in PICTURES.items()
        }
        self.notice = self.find_notice()

        mingjun = self.get_publication(
            "名郡生活",
            "mingjun",
            "bimonthly",
            2017,
            "<p>《名郡生活》是历山名郡社区的双月刊，每逢单月出版，刊登社区大事、社区俱乐部的服务承诺和居民自己的故事。</p>",
            MINGJUN_COLUMNS,
        )
        kuaibao = self.get_publication(
            "社区快报",
            "kuaibao",
            "weekly",
            2009,
            "<p>《社区快报》每周五出版，十七年来没有断过一期。2016 年前名为《名郡简报》，总期号接续计算。</p>",
            KUAIBAO_COLUMNS,
        )
        for i, date in enumerate(self.bimonthly_dates()):
            number = (date.year - 2017) * 6 + (date.month + 1) // 2
            self.issue(mingjun, number, None, date, MINGJUN_ARTICLES, i, pdf=i >= MINGJUN_ISSUES - 3)
        fridays = self.weekly_dates()
        for i, date in enumerate(fridays):
            number = (date - datetime.date(2016, 1, 1)).days // 7 + 1
            self.issue(kuaibao, number, number + 365, date, KUAIBAO_ARTICLES, i, pdf=i >= KUAIBAO_ISSUES - 2)
        # Next Friday's issue is ready and scheduled to go out with its articles.
        upcoming = fridays[-1] + datetime.timedelta(days=7)
        number = (upcoming - datetime.date(2016, 1, 1)).days // 7 + 1
        self.issue(kuaibao, number, number + 365, upcoming, KUAIBAO_ARTICLES, len(fridays), scheduled=True)
        self.draft_for_review(kuaibao)
        self.ctx.log(f"社区报：2 份报刊，新建 {self.created} 个页面")

    def get_index(self):
        index = NewsIndexPage.objects.child_of(self.ctx.home).first()
        if index is None:
            index = NewsIndexPage(
                title="社区报",
                slug="news",
                show_in_menus=True,
                live=False,
                intro="<p>历山名郡社区的两份报纸：双月刊《名郡生活》和周报《社区快报》。"
                "稿件由居民通讯员采写，主编审核后发布。</p>",
            )
            self.ctx.home.add_child(instance=index)
            publish(index, self.chief)
            self.created += 1
        return index

    def get_publication(self, title, slug, frequency, founded, description, columns):
        publication = PublicationPage.objects.child_of(self.index).filter(slug=slug).first()
        if publication is None:
            publication = PublicationPage(
                title=title,
                slug=slug,
                frequency=frequency,
                founded_year=founded,
                description=description,
                live=False,
            )
            self.index.add_child(instance=publication)
            publish(publication, self.chief)
            self.created += 1
        publication.demo_columns = {}
        for order, (name, note) in enumerate(columns):
            column, _ = Column.objects.get_or_create(
                publication=publication, name=name, defaults={"description": note, "sort_order": order}
            )
            publication.demo_columns[name] = column
        return publication

    def bimonthly_dates(self):
        """The first day of the last 18 odd months up to today, oldest first."""
        year, month = self.today.year, self.today.month
        dates = []
        while len(dates) < MINGJUN_ISSUES:
            if month % 2 == 1:
                dates.append(datetime.date(year, month, 1))
            year, month = (year, month - 1) if month > 1 else (year - 1, 12)
        return dates[::-1]

    def weekly_dates(self):
        """The last 26 Fridays up to today, oldest first."""
        last = self.today - datetime.timedelta(days=(self.today.weekday() - 4) % 7)
        return [last - datetime.timedelta(weeks=w) for w in range(KUAIBAO_ISSUES - 1, -1, -1)]

    def find_notice(self):
        """A live notice to link to, if the notice board has one (it may not be installed)."""
        try:
            NoticePage = apps.get_model("notices", "NoticePage")
        except LookupError:
            return None
        return NoticePage.objects.live().descendant_of(self.ctx.home).order_by("-first_published_at").first()

    def print_edition(self, publication, title, number):
        Document = get_document_model()
        doc_title = f"《{publication.title}》{title}印刷版"
        document = Document.objects.filter(title=doc_title).first()
        if document is None:
            pages = [f"{publication.title} 第{number}期 第{page}版" for page in (1, 2)]
            document = Document(title=doc_title, collection=self.collection)
            document.file.save(f"{publication.slug}-{number}.pdf", ContentFile(pdf_bytes(pages)), save=False)
            document.save()
        return document

    def issue(self, publication, number, total, date, templates, position, pdf=False, scheduled=False):
        slug = f"issue-{number}"
        if IssuePage.objects.child_of(publication).filter(slug=slug).exists():
            return
        rng = random.Random(f"{publication.slug}-{number}")
        month = date.month
        values = {
            "month": month,
            "season": season_of(month) + "天",
            "season_short": season_of(month),
        }
        title = f"第{number}期"
        cover = get_or_create_image(
            f"《{publication.title}》{title}封面",
            text=f"{publication.title} {title}",
            seed=slug + publication.slug,
            size=(480, 680),
            collection=self.collection,
        )
        issue = IssuePage(
            title=title,
            slug=slug,
            number=number,
            total_number=total,
            date=date,
            cover=cover,
            cover_alt=f"《{publication.title}》{title}封面，印着报名和期号",
            editor_note="<p>" + escape(EDITOR_NOTES[position % len(EDITOR_NOTES)].format(**values)) + "</p>",
            print_edition=self.print_edition(publication, title, number) if pdf else None,
            live=False,
        )
        publication.add_child(instance=issue)
        go_live_at = at_eight(date) if scheduled else None
        publish(issue, self.chief, at_eight(date), go_live_at)
        self.created += 1
        for j in range(ARTICLES_PER_ISSUE):
            index = (ARTICLES_PER_ISSUE * position + j) % len(templates)
            self.article(issue, publication, templates[index], index, rng, values, go_live_at)

    def article(self, issue, publication, template, index, rng, values, go_live_at):
        column_name, title, lead, paragraphs, quote, picture = template
        building = rng.randint(1, 24)
        values = {
            **values,
            "day": rng.randint(3, 26),
            "building": building,
            "building2": building + rng.randint(2, 4),
            "households": rng.choice([12, 18, 24, 36]),
            "weeks": rng.randint(6, 14),
            "meetings": rng.randint(3, 7),
            "finish_month": (values["month"] + 3 - 1) % 12 + 1,
            "n": rng.randint(6, 38),
            "categories": 16,
            "hours": rng.randint(30, 90),
            "points": rng.choice([10, 12, 15, 20]),
            "spaces": rng.randint(12, 30),
        }
        body = [("paragraph", RichText(f"<p>{escape(p.format(**values))}</p>")) for p in paragraphs]
        if picture:
            body.insert(
                1,
                (
                    "image",
                    {
                        "image": self.pictures[picture],
                        "alt_text": PICTURE_ALT[picture],
                        "caption": PICTURES[picture],
                    },
                ),
            )
        if quote:
            body.append(
                ("quote", {"text": quote[0].format(**values), "attribution": quote[1].format(**values)})
            )
        if self.notice and column_name in ("社区要闻", "通知提醒"):
            body.append(("notice_link", {"page": self.notice, "label": ""}))
        article = ArticlePage(
            title=title.format(**values),
            slug=f"a{index + 1}",
            lead=lead.format(**values),
            column=publication.demo_columns[column_name],
            body=body,
            live=False,
        )
        article.correspondents.set(rng.sample(self.correspondents, rng.choice([1, 1, 2])))
        article.tags.add(*COLUMN_TAGS[column_name])
        issue.add_child(instance=article)
        publish(article, self.chief, at_eight(issue.date), go_live_at)
        self.created += 1

    def draft_for_review(self, publication):
        """One article by editor1, submitted to 社区报审稿 and waiting for the chief."""
        editor = self.ctx.users["editor1"]
        issue = (
            IssuePage.objects.child_of(publication)
            .live()
            .filter(date__lte=self.today)
            .order_by("-date")
            .first()
        )
        if issue is None or ArticlePage.objects.child_of(issue).filter(slug=DRAFT_ARTICLE["slug"]).exists():
            return
        article = ArticlePage(
            title=DRAFT_ARTICLE["title"],
            slug=DRAFT_ARTICLE["slug"],
            lead=DRAFT_ARTICLE["lead"],
            column=publication.demo_columns["本周要闻"],
            body=[("paragraph", RichText(f"<p>{escape(p)}</p>")) for p in DRAFT_ARTICLE["paragraphs"]],
            owner=editor,
            live=False,
        )
        article.correspondents.set(self.correspondents[:1])
        issue.add_child(instance=article)
        article.save_revision(user=editor, log_action=False)
        workflow = keyed(Workflow, WORKFLOW_KEY)
        # The chief's notification e-mail is not sent for demo content.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            workflow.start(article, editor)
        self.created += 1


def load(ctx):
    NewsDemo(ctx).run()
