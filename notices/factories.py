"""Factories for the notice board's pages and funds."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from wagtail.models import Site

from .finance import EXPENSE, INCOME, QUARTER, period_bounds, totals
from .models import (
    DisclosureItem,
    FinancialDisclosureIndexPage,
    FinancialDisclosurePage,
    Fund,
    NoticeIndexPage,
    NoticePage,
)


class NoticeIndexPageFactory(wagtail_factories.PageFactory):
    title = "公开栏"
    slug = "notices"

    class Meta:
        model = NoticeIndexPage


class FinancialDisclosureIndexPageFactory(wagtail_factories.PageFactory):
    title = "财务公开"
    slug = "finance"

    class Meta:
        model = FinancialDisclosureIndexPage


class NoticePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"关于小区第{n}期环境整治的通知")
    category = "residents"
    issuing_body = "社区居委会"
    date = factory.LazyFunction(lambda: datetime.date(2026, 3, 1))
    summary = "请居民朋友们互相转告。"

    class Meta:
        model = NoticePage


class FundFactory(factory.django.DjangoModelFactory):
    site = factory.LazyFunction(lambda: Site.objects.get(is_default_site=True))
    name = factory.Sequence(lambda n: f"社区公益基金{n}")
    description = "用于社区公益活动。"

    class Meta:
        model = Fund
        django_get_or_create = ("site", "name")


class FinancialDisclosurePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"物业管理费使用明细（第{n}期）")
    fund = factory.SubFactory(FundFactory)
    year = 2026
    period_kind = QUARTER
    period_number = 1
    date = factory.LazyFunction(lambda: datetime.date(2026, 4, 5))
    opening_balance = Decimal("10000.00")
    closing_balance = Decimal("10000.00")

    class Meta:
        model = FinancialDisclosurePage


def line_items(period, rows):
    """DisclosureItems from (day offset, direction, item, counterparty, amount, voucher) rows."""
    first, _ = period
    return [
        DisclosureItem(
            date=first + datetime.timedelta(days=offset),
            direction=direction,
            item=item,
            counterparty=counterparty,
            amount=Decimal(amount),
            voucher_no=voucher,
            sort_order=i,
        )
        for i, (offset, direction, item, counterparty, amount, voucher) in enumerate(rows)
    ]


DEFAULT_ROWS = [
    (4, INCOME, "收取第一季度物业管理费", "全体业主", "36500.00", "记-001"),
    (10, EXPENSE, "公共区域保洁", "洁美保洁服务公司", "12000.00", "记-002"),
    (20, EXPENSE, "电梯年检", "市特种设备检验所", "1850.50", "记-003"),
]


def committee_members(count=2):
    """Committee members with verified names, for set-ups that publish disclosures."""
    from portal import roles
    from portal.factories import UserFactory

    names = ["周德明", "吴桂英", "郑国强", "孙秀兰"]
    return [
        UserFactory(username=f"committee-{i}", first_name=names[i % len(names)], roles=[roles.COMMITTEE])
        for i in range(count)
    ]


def publish_through_committee(page, submitter=None, members=None, comment="账实相符，同意公开。"):
    """The real 财务公开审核: the page's latest revision is submitted and `members` approve its
    exact figures (a quorum by default), which publishes it."""
    from portal.review import actions

    members = members if members is not None else committee_members()
    state = page.get_workflow().start(page, submitter)
    task_state = state.current_task_state.specific
    for member in members:
        actions.approve(task_state.pk, member, task_state.fingerprint, comment)
    page.refresh_from_db()
    return page


def make_disclosure(
    parent, rows=DEFAULT_ROWS, opening="10000.00", publish=False, user=None, members=None, **kwargs
):
    """A balanced disclosure under `parent` (a FinancialDisclosureIndexPage), as a draft revision;
    `publish=True` runs it through the committee's review."""
    kwargs.setdefault("year", 2026)
    kwargs.setdefault("period_kind", QUARTER)
    kwargs.setdefault("period_number", 1)
    period = period_bounds(kwargs["year"], kwargs["period_kind"], kwargs["period_number"])
    items = line_items(period, rows)
    income, expense = totals(items)
    page = FinancialDisclosurePageFactory.build(
        opening_balance=Decimal(opening),
        closing_balance=Decimal(opening) + income - expense,
        live=False,
        **kwargs,
    )
    if page.fund_id is None and "fund" not in kwargs:
        page.fund = FundFactory()
    page.line_items = items
    parent.add_child(instance=page)
    page.save_revision(user=user)
    if publish:
        publish_through_committee(page, submitter=user, members=members)
    return page
