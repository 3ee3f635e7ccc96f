"""Two smaller communities of the demo's sub-district (历山街道) and the 街道's own site: each with
its own users, notices, committee-approved disclosures, a newspaper and volunteers. Idempotent."""

import datetime
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Page, Site

from home.models import SubDistrictPage
from news.models import ArticlePage, IssuePage, NewsIndexPage, PublicationPage
from notices.finance import EXPENSE, INCOME, QUARTER, period_bounds, totals
from notices.models import (
    DisclosureItem,
    FinancialDisclosureIndexPage,
    FinancialDisclosurePage,
    Fund,
    NoticeIndexPage,
    NoticePage,
)
from portal import roles
from portal.accounts.models import set_verified_name
from portal.communities import add_community
from portal.models import CommunitySettings
from portal.review import actions
from volunteers.models import ServiceRecord, Volunteer, VolunteerTeam
from volunteers.stats import recompute_site

DISTRICT = "历山街道"
COMMUNITIES = [
    # name, hostname prefix, hotline, committee members, staff, chief, editor
    ("锦绣社区", "jinxiu", "0531-8866 2201", ["钱玉芬", "孙建华"], "李秀梅", "周立新", "陈小燕"),
    ("乐安社区", "lean", "0531-8866 3301", ["赵德胜", "刘桂兰"], "王海燕", "郭振国", "马丽"),
]
DISTRICT_USERS = [
    ("jiedao-admin", "街道管理员老何", roles.DISTRICT_ADMINS),
    ("jiedao-jiandu", "街道监督老冯", roles.DISTRICT_SUPERVISORS),
]


def user(username, name, password, group):
    User = get_user_model()
    account = User.objects.filter(username=username).first()
    if account is None:
        account = User(username=username, first_name=name, email=f"{username}@example.org")
        account.set_password(password)
        account.save()
    account.groups.add(group)
    return account


def community_users(site, prefix, people, password):
    members, staff, chief, editor = people
    result = {
        "admin": user(f"{prefix}-admin", f"{prefix}管理员", password, roles.group(roles.SITE_ADMINS, site)),
        "staff": user(f"{prefix}-staff", staff, password, roles.group(roles.COMMUNITY_STAFF, site)),
        "chief": user(f"{prefix}-chief", chief, password, roles.group(roles.EDITOR_IN_CHIEF, site)),
        "editor": user(f"{prefix}-editor", editor, password, roles.group(roles.RESIDENT_EDITORS, site)),
    }
    result["committee"] = []
    for i, name in enumerate(members, start=1):
        member = user(f"{prefix}-committee{i}", name, password, roles.group(roles.COMMITTEE, site))
        set_verified_name(member, name)
        result["committee"].append(member)
    set_verified_name(result["chief"], chief)
    return result


def publish(page):
    page.save_revision().publish()
    return page


def notices(site, name, today):
    board = NoticeIndexPage.objects.descendant_of(site.root_page).get()
    titles = [
        ("residents", f"关于{name}3号楼加装电梯意见征询的公示", 20),
        ("government", f"{name}2026年冬季供暖报修安排", 10),
        ("party", f"{name}党委2026年第三季度党费收缴情况", 40),
    ]
    for category, title, days in titles:
        if NoticePage.objects.child_of(board).filter(title=title).exists():
            continue
        date = today - datetime.timedelta(days=days)
        publish(
            board.add_child(
                instance=NoticePage(
                    title=title,
                    category=category,
                    date=date,
                    summary=f"{name}居委会公告，请居民互相转告。",
                    public_from=date,
                    public_until=date + datetime.timedelta(days=30),
                    objection_office="社区居委会",
                )
            )
        )


def disclosures(site, name, users):
    finance = FinancialDisclosureIndexPage.objects.descendant_of(site.root_page).get()
    fund, _ = Fund.objects.get_or_create(
        site=site, name="物业管理费", defaults={"description": f"{name}物业管理费收支。"}
    )
    opening = Decimal("18600.00")
    for quarter in (2, 3):
        slug = f"wuye-2026q{quarter}"
        first, _ = period_bounds(2026, QUARTER, quarter)
        rows = [
            (INCOME, "收取物业管理费", "全体业主", Decimal("24800.00"), 3),
            (EXPENSE, "公共区域保洁", "洁美保洁服务公司", Decimal("9600.00"), 12),
            (EXPENSE, "楼道灯维修", "明亮电器维修部", Decimal("386.50"), 40),
        ]
        items = [
            DisclosureItem(
                date=first + datetime.timedelta(days=d),
                direction=k,
                item=i,
                counterparty=c,
                amount=a,
                voucher_no=f"记-{quarter}{n:02d}",
                sort_order=n,
            )
            for n, (k, i, c, a, d) in enumerate(rows)
        ]
        income, expense = totals(items)
        closing = opening + income - expense
        if not FinancialDisclosurePage.objects.filter(path__startswith=finance.path, slug=slug).exists():
            page = FinancialDisclosurePage(
                title=f"物业管理费2026年第{'二三'[quarter - 2]}季度收支明细",
                slug=slug,
                fund=fund,
                year=2026,
                period_kind=QUARTER,
                period_number=quarter,
                date=first + datetime.timedelta(days=100),
                opening_balance=opening,
                closing_balance=closing,
                objection_office="居务监督委员会",
                live=False,
            )
            page.line_items = items
            finance.add_child(instance=page)
            page.save_revision(user=users["staff"])
            state = page.get_workflow().start(page, users["staff"]).current_task_state.specific
            for member in users["committee"]:
                actions.approve(state.pk, member, state.fingerprint, "账实相符，同意公开。")
        opening = closing


def newspaper(site, name, users, today):
    index = NewsIndexPage.objects.descendant_of(site.root_page).get()
    publication = PublicationPage.objects.child_of(index).first() or publish(
        index.add_child(instance=PublicationPage(title=f"{name}快报", slug="kuaibao", frequency="monthly"))
    )
    for number in (1, 2):
        issue = IssuePage.objects.child_of(publication).filter(number=number).first()
        if issue is None:
            issue = publication.add_child(
                instance=IssuePage(
                    title=f"第{number}期",
                    slug=f"issue-{number}",
                    number=number,
                    date=today - datetime.timedelta(days=40 * (2 - number)),
                    live=False,
                )
            )
            for title in (f"{name}邻里节圆满举行", f"志愿者为老人上门理发（第{number}期）"):
                article = issue.add_child(
                    instance=ArticlePage(
                        title=title,
                        lead=f"{name}通讯员报道。",
                        body=[("paragraph", f"<p>{title}。</p>")],
                        live=False,
                    )
                )
                article.save_revision(user=users["chief"]).publish(user=users["chief"])
            issue.save_revision(user=users["chief"]).publish(user=users["chief"])


def volunteers(site, name, users, today):
    team, _ = VolunteerTeam.objects.get_or_create(
        site=site, name="邻里守望服务队", defaults={"description": f"{name}的巡访志愿者。"}
    )
    for i, real in enumerate(["张秀英", "李德明", "王玉兰", "刘海燕", "陈建国"], start=1):
        volunteer, created = Volunteer.objects.get_or_create(
            site=site,
            number=f"{site.hostname[:2].upper()}{i:04d}",
            defaults={"real_name": real, "joined_on": datetime.date(2024, 3, 5)},
        )
        if created:
            volunteer.teams.add(team)
            ServiceRecord.objects.bulk_create(
                ServiceRecord(
                    volunteer=volunteer,
                    team=team,
                    date=today - datetime.timedelta(days=7 * week + i),
                    hours=Decimal("3.5"),
                    activity="独居老人巡访",
                    verified_at=timezone.now(),
                    verified_by=users["staff"],
                )
                for week in range(6 * i)
            )
    recompute_site(site)  # bulk-inserted records


def district_site(port, password):
    site = Site.objects.filter(hostname="jiedao.localhost").first()
    if site is None:
        home = Page.get_first_root_node().add_child(
            instance=SubDistrictPage(
                title=DISTRICT, slug="jiedao", intro="<p>历山街道各社区的公开栏入口。</p>"
            )
        )
        home.save_revision().publish()
        site = Site.objects.create(hostname="jiedao.localhost", port=port, root_page=home, site_name=DISTRICT)
    for username, name, role in DISTRICT_USERS:
        user(username, name, password, roles.group(role))
    return site


def load(ctx):
    today = timezone.localdate()
    port, password = ctx.port, ctx.password
    settings = CommunitySettings.for_site(ctx.site)
    if settings.sub_district != DISTRICT:
        settings.sub_district = DISTRICT
        settings.save()
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
        for name, prefix, hotline, *people in COMMUNITIES:
            site = add_community(name, f"{prefix}.localhost", port, sub_district=DISTRICT)
            community = CommunitySettings.for_site(site)
            if not community.hotline:
                community.hotline, community.office_hours = hotline, "周一至周五 8:30—17:30"
                community.save()
            users = community_users(site, prefix, people, password)
            notices(site, name, today)
            disclosures(site, name, users)
            newspaper(site, name, users, today)
            volunteers(site, name, users, today)
        district_site(port, password)
    ctx.log(f"街道：{DISTRICT} 与 {len(COMMUNITIES)} 个社区")
