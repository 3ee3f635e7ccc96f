"""Demo content for the notice board of 历山名郡社区: notices over three years and committee-approved
financial disclosures of two funds. Idempotent: every page is looked up by slug first."""

import datetime
import random
from contextlib import contextmanager
from decimal import Decimal
from unittest import mock

from django.core.files.base import ContentFile
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Page, PageLogEntry

from notices.finance import EXPENSE, QUARTER, period_bounds, period_label, totals
from notices.models import (
    DisclosureItem,
    FinancialDisclosureIndexPage,
    FinancialDisclosurePage,
    Fund,
    NoticeIndexPage,
    NoticePage,
)
from portal.demo.media import get_collection, get_or_create_image, pdf_bytes
from portal.review import actions

from .notices_content import FUND_ROWS, FUNDS, MASKED_NAMES, NOTICE_TEMPLATES, PROBLEM_KINDS, PROPERTY_ROWS

CENT = Decimal("0.01")
TZ = timezone.get_fixed_timezone(8 * 60)
# (fund, year, quarter) published; the last one waits for its second approval.
PROPERTY_QUARTERS = [
    (2024, 3),
    (2024, 4),
    (2025, 1),
    (2025, 2),
    (2025, 3),
    (2025, 4),
    (2026, 1),
    (2026, 2),
    (2026, 3),
]
FUND_QUARTERS = [(2025, 2), (2025, 3), (2025, 4), (2026, 1), (2026, 2)]
PENDING = ("云香激励基金", 2026, 3)


def at(date, hour=9):
    return datetime.datetime.combine(date, datetime.time(hour, 0), tzinfo=TZ)


@contextmanager
def backdated(when):
    """Run the real workflow as if at `when`: revisions, approvals, publication and the
    disclosure log then tell one consistent story (the log's hashes include the times)."""
    with mock.patch("django.utils.timezone.now", return_value=when):
        yield


class NoticeDemo:
    def __init__(self, ctx):
        self.ctx = ctx
        self.staff = ctx.users["staff1"]
        self.committee = [ctx.users["committee1"], ctx.users["committee2"]]
        self.today = timezone.localdate()
        self.rng = random.Random(2026)

    def run(self):
        # Workflow notifications would otherwise print dozens of emails to the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            self.index = self.get_index()
            self.finance = self.get_finance_index()
            created = self.load_notices()
            disclosures = self.load_disclosures()
            self.correct_disclosure("wuye-2025q4")
        self.ctx.log(f"公开栏：新建公告 {created} 篇、财务公开 {disclosures} 篇")

    def get_index(self):
        index = NoticeIndexPage.objects.descendant_of(self.ctx.home).first()
        if index is None:
            index = self.ctx.home.add_child(
                instance=NoticeIndexPage(
                    title="公开栏",
                    slug="notices",
                    show_in_menus=True,
                    intro="<p>党务公开、政务公开、居务公开、财务公开。财务公开经居务监督委员会审核后发布。</p>",
                )
            )
            index.save_revision(user=self.ctx.users["admin"]).publish(user=self.ctx.users["admin"])
        return index

    def get_finance_index(self):
        finance = FinancialDisclosureIndexPage.objects.child_of(self.index).first()
        if finance is None:
            finance = self.index.add_child(
                instance=FinancialDisclosureIndexPage(title="财务公开", slug="finance")
            )
            finance.save_revision(user=self.ctx.users["admin"]).publish(user=self.ctx.users["admin"])
        return finance

    # Notices

    def notice_specs(self):
        """(slug, fields) for every demo notice, oldest first, over three years."""
        specs = []
        for year in (2024, 2025, 2026):
            for stem, category, body, title, summary, tags, days, months in NOTICE_TEMPLATES:
                for i, month in enumerate(months):
                    date = datetime.date(year, month, 3 + (i * 7 + len(stem)) % 20)
                    if date > self.today:
                        continue
                    words = {
                        "year": year,
                        "next_year": year + 1,
                        "q": (month - 1) // 3 + 1 if stem != "dibao" else i + 1,
                        "name": MASKED_NAMES[(year + i) % len(MASKED_NAMES)],
                        "building": 3 + (year - 2024) * 2,
                    }
                    specs.append(
                        (
                            f"{stem}-{year}-{month:02d}",
                            {
                                "title": title.format(**words),
                                "category": category,
                                "issuing_body": body,
                                "date": date,
                                "summary": summary.format(**words),
                                "tags": tags,
                                "days": days,
                                "stem": stem,
                                "words": words,
                            },
                        )
                    )
        # A few inside their public-notice period today.
        for offset, (stem, title, summary, tags) in enumerate(
            [
                (
                    "dibao-current",
                    "本月城乡低保审核结果公示",
                    "经入户调查和民主评议，本月拟新增低保对象2户，现予公示。",
                    ["低保"],
                ),
                (
                    "tingche-current",
                    "关于小区地面停车位重新划线的公示",
                    "地面车位重新规划方案征求意见，公示期内欢迎提出意见。",
                    ["停车"],
                ),
                (
                    "dianti-current",
                    "关于9号楼加装电梯意见征询结果的公示",
                    "9号楼1单元同意加装电梯的住户占100%，现予公示。",
                    ["加装电梯"],
                ),
            ]
        ):
            date = self.today - datetime.timedelta(days=offset + 1)
            specs.append(
                (
                    stem,
                    {
                        "title": title,
                        "category": "residents" if offset else "government",
                        "issuing_body": "社区居委会",
                        "date": date,
                        "summary": summary,
                        "tags": tags,
                        "days": 7,
                        "stem": stem,
                        "words": {"year": date.year, "building": 9},
                    },
                )
            )
        return specs

    def body_for(self, spec):
        stem, words = spec["stem"], spec["words"]
        if stem == "dangfei":
            rows = [["党支部", "党员人数", "应交（元）", "实交（元）"]]
            for n, branch in enumerate(
                ["第一党支部", "第二党支部", "第三党支部", "离退休党支部", "流动党员党支部"]
            ):
                members = 18 + n * 7
                due = Decimal(members * 96 + n * 13) + Decimal("0.40")
                rows.append([branch, str(members), f"{due:.2f}", f"{due:.2f}"])
            return [
                (
                    "paragraph",
                    "<p>根据党费收缴使用管理规定，现将本年度党费收缴情况公示如下。党员如有疑问，请在公示期内向社区党委反映。</p>",
                ),
                ("table", {"data": rows, "first_row_is_table_header": True, "first_col_is_header": False}),
                ("attachment", {"document": self.dues_document(words["year"]), "title": "党费收缴明细表"}),
            ]
        if stem == "wenti-chuli":
            problems = []
            for k in range(3):
                kind, description, handling, reply = PROBLEM_KINDS[
                    (words["year"] + words["q"] + k) % len(PROBLEM_KINDS)
                ]
                month = (words["q"] - 1) * 3 + 1 + k
                problems.append(
                    {
                        "date": datetime.date(
                            words["year"] - (1 if month > 12 else 0), (month - 1) % 12 + 1, 6 + k * 5
                        ),
                        "kind": kind,
                        "description": description,
                        "status": ["done", "done", "in_progress"][k],
                        "handling": handling,
                        "reply": reply if k < 2 else "",
                    }
                )
            return [
                (
                    "paragraph",
                    "<p>感谢居民朋友们的监督和建议。以下问题按“接诉即办”流程办理，反映人信息依法保密。</p>",
                ),
                ("problems", {"heading": "居民反映问题处理情况", "problems": problems}),
            ]
        if stem in ("dibao", "dibao-current", "gaoling-jintie", "fazhan-dangyuan"):
            names = [["序号", "姓名", "类别"]] + [
                [
                    str(n + 1),
                    MASKED_NAMES[(n + words["year"]) % len(MASKED_NAMES)],
                    "新增" if n % 2 else "续保",
                ]
                for n in range(3)
            ]
            return [
                (
                    "paragraph",
                    "<p>公示期内，如对公示对象有异议，请向社区居委会反映，我们将依法核实并保护反映人信息。</p>",
                ),
                ("table", {"data": names, "first_row_is_table_header": True, "first_col_is_header": False}),
            ]
        body = [
            ("heading", "主要内容"),
            (
                "paragraph",
                "<p>" + spec["summary"] + "详情可到社区党群服务中心一楼查阅，也可拨打服务热线咨询。</p>",
            ),
        ]
        if stem == "dianti":
            building = words["building"]
            picture = get_or_create_image(
                f"{building}号楼加装电梯位置示意", text="加装电梯", collection=get_collection("公开栏附件")
            )
            alt = f"{building}号楼2单元北侧，拟加装电梯的位置已用黄线标出"
            body.append(("image", {"image": picture, "alt_text": alt, "caption": "加装电梯位置示意"}))
        return body

    def dues_document(self, year):
        Document = get_document_model()
        title = f"{year}年度党费收缴明细表"
        document = Document.objects.filter(title=title).first()
        if document is None:
            document = Document(title=title, collection=get_collection("公开栏附件"))
            document.file = ContentFile(pdf_bytes([title]), name=f"dangfei-{year}.pdf")
            document.save()
        return document

    def load_notices(self):
        existing = set(NoticePage.objects.child_of(self.index).values_list("slug", flat=True))
        created = 0
        for slug, spec in self.notice_specs():
            if slug in existing:
                continue
            until = spec["date"] + datetime.timedelta(days=spec["days"] - 1) if spec["days"] else None
            notice = NoticePage(
                title=spec["title"],
                slug=slug,
                category=spec["category"],
                issuing_body=spec["issuing_body"],
                date=spec["date"],
                summary=spec["summary"],
                public_from=spec["date"] if until else None,
                public_until=until,
                objection_office="社区居委会办公室" if until else "",
                objection_phone="0531-8866 1234" if until else "",
                objection_deadline=until,
                body=self.body_for(spec),
            )
            self.index.add_child(instance=notice)
            notice.tags.add(*spec["tags"])
            notice.save_revision(user=self.staff).publish(user=self.staff)
            Page.objects.filter(pk=notice.pk).update(
                first_published_at=at(spec["date"]), last_published_at=at(spec["date"])
            )
            created += 1
        return created

    # Financial disclosures

    def items_for(self, rows, year, quarter, seed):
        first, last = period_bounds(year, QUARTER, quarter)
        rng = random.Random(seed)
        items = []
        for n, (day, direction, item, party, base) in enumerate(sorted(rows, key=lambda r: r[0])):
            amount = (Decimal(base) * Decimal(rng.randint(85, 125)) / 100).quantize(CENT)
            items.append(
                DisclosureItem(
                    date=min(first + datetime.timedelta(days=day), last),
                    direction=direction,
                    item=item,
                    counterparty=party,
                    amount=amount,
                    voucher_no=f"{year}{quarter}-{n + 1:03d}",
                    sort_order=n,
                )
            )
        return items

    def load_disclosures(self):
        funds = {}
        for name, description in FUNDS.items():
            funds[name], _ = Fund.objects.get_or_create(
                site=self.ctx.site, name=name, defaults={"description": description}
            )
        plans = [("物业管理费", y, q, PROPERTY_ROWS, Decimal("23568.42")) for y, q in PROPERTY_QUARTERS]
        plans += [("云香激励基金", y, q, FUND_ROWS, Decimal("158240.70")) for y, q in FUND_QUARTERS]
        plans.append((*PENDING, FUND_ROWS, None))
        balances = {}
        created = 0
        for fund_name, year, quarter, rows, start in plans:
            slug = f"{'wuye' if fund_name == '物业管理费' else 'yunxiang'}-{year}q{quarter}"
            items = self.items_for(rows, year, quarter, seed=slug)
            opening = balances.get(fund_name, start)
            income, expense = totals(items)
            closing = opening + income - expense
            balances[fund_name] = closing
            if FinancialDisclosurePage.objects.filter(slug=slug).exists():
                continue
            pending = (fund_name, year, quarter) == PENDING
            self.create_disclosure(funds[fund_name], year, quarter, slug, items, opening, closing, pending)
            created += 1
        return created

    def create_disclosure(self, fund, year, quarter, slug, items, opening, closing, pending):
        _, last = period_bounds(year, QUARTER, quarter)
        date = last + datetime.timedelta(days=6)
        page = FinancialDisclosurePage(
            title=f"{fund.name}{period_label(year, QUARTER, quarter)}收支明细",
            slug=slug,
            issuing_body="社区居委会",
            date=min(date, self.today),
            summary=f"{fund.name}{period_label(year, QUARTER, quarter)}收支情况，经居务监督委员会审核后公开。",
            fund=fund,
            year=year,
            period_kind=QUARTER,
            period_number=quarter,
            opening_balance=opening,
            closing_balance=closing,
            public_from=min(date, self.today),
            public_until=min(date, self.today) + datetime.timedelta(days=14),
            objection_office="居务监督委员会",
            objection_phone="0531-8866 1235",
            live=False,  # public only once the committee approves
        )
        page.line_items = items
        self.finance.add_child(instance=page)
        page.tags.add(fund.name)
        submitted = min(date, self.today) - datetime.timedelta(days=2)
        with backdated(at(submitted)):
            page.save_revision(user=self.staff)
            # Through the real workflow, so the public page shows who approved it.
            state = page.get_workflow().start(page, self.staff)
        task_state = state.current_task_state.specific
        members = self.committee[:1] if pending else self.committee
        for hour, member in enumerate(members, start=10):
            with backdated(at(submitted + datetime.timedelta(days=1), hour=hour)):
                actions.approve(task_state.pk, member, task_state.fingerprint, "账实相符，同意公开。")
        return page

    def correct_disclosure(self, slug):
        """One published disclosure corrected and re-approved: 100 yuan booked to the wrong expense."""
        page = FinancialDisclosurePage.objects.filter(slug=slug, live=True).first()
        if page is None or PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() > 1:
            return
        draft = page.get_latest_revision_as_object()
        items = list(draft.line_items.all())
        expenses = [item for item in items if item.direction == EXPENSE]
        expenses[0].amount += Decimal("100.00")
        expenses[1].amount -= Decimal("100.00")
        draft.line_items = items
        draft.summary += "（更正：两笔支出入账科目有误，已调整，合计不变。）"
        corrected_on = min(page.date + datetime.timedelta(days=20), self.today)
        with backdated(at(corrected_on - datetime.timedelta(days=1))):
            draft.save_revision(user=self.staff)
            state = draft.get_workflow().start(draft, self.staff)
        task_state = state.current_task_state.specific
        for hour, member in enumerate(self.committee, start=10):
            with backdated(at(corrected_on, hour=hour)):
                actions.approve(task_state.pk, member, task_state.fingerprint, "已核对原始凭证，同意更正。")


def load(ctx):
    NoticeDemo(ctx).run()
