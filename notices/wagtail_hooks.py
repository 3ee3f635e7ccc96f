"""Admin integration: the fund snippet, log actions, 'publish' turned into 'submit', withdrawal,
home section."""

import datetime

from django.db.models import Count
from django.db.models.functions import Substr
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.widgets import Button
from wagtail.models import Site
from wagtail.snippets.models import register_snippet

from home.sections import HomeSection
from portal.communities_admin import CommunitySnippetViewSet
from portal.page_cache.memo import site_memo
from portal.search.types import ResultType

from . import provisioning, views
from .models import FinancialDisclosurePage, Fund, NoticeBase, NoticeIndexPage, NoticePage


class FundViewSet(CommunitySnippetViewSet):
    model = Fund
    icon = "tag"
    menu_label = "资金账户"
    list_display = ["name", "site", "description"]
    list_filter = ["site"]
    search_fields = ["name"]


register_snippet(FundViewSet)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("notices.committee_approve", "监委会成员审核通过", "监委会成员审核通过")
    actions.register_action("notices.withdraw", "紧急撤回财务公开", "紧急撤回财务公开")


@hooks.register("register_admin_urls")
def notices_admin_urls():
    return [path("notices/withdraw/<int:page_id>/", views.withdraw, name="notices_withdraw")]


@hooks.register("register_page_header_buttons")
def withdraw_button(page, user, view_name, next_url=None):
    if user.is_superuser and page.live and page.specific_class is FinancialDisclosurePage:
        yield Button(
            "紧急撤回", reverse("notices_withdraw", args=(page.pk,)), icon_name="warning", priority=90
        )


@hooks.register("before_copy_page")
def no_aliases_of_disclosures(request, page):
    """An alias would be a second live copy that no committee approved."""
    if request.method != "POST" or not request.POST.get("alias"):
        return None
    if FinancialDisclosurePage.objects.descendant_of(page, inclusive=True).exists():
        messages.error(
            request, "财务公开不能创建别名：每一份公开的财务数字都必须经监委会审核。可以复制为草稿。"
        )
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return None


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def submit_disclosure_instead_of_publishing(request, page):
    """Staff pressing 'publish' on a disclosure submits it to the committee instead."""
    if not isinstance(page, FinancialDisclosurePage) or not request.POST.get("action-publish"):
        return None
    if page.permissions_for_user(request.user).can_publish() or page.workflow_in_progress:
        return None
    workflow_state = page.current_workflow_state
    if workflow_state and workflow_state.status == workflow_state.STATUS_NEEDS_CHANGES:
        workflow_state.resume(request.user)
    elif page.get_workflow():
        page.get_workflow().start(page, request.user)
    else:
        return None
    messages.success(request, f"财务公开须经监委会审核后才能公开，“{page.title}”已提交监委会审核。")
    return None


def in_period_today(home_page, limit=5):
    """(the board, its newest notices in their public-notice period today) under `home_page`."""
    index_page = NoticeIndexPage.objects.live().descendant_of(home_page).first()
    if index_page is None:
        return None, []
    today = timezone.localdate()
    notices = (
        NoticeBase.objects.live()
        .public()
        .descendant_of(index_page)
        .filter(public_from__lte=today, public_until__gte=today)
        .order_by("-date", "-pk")[:limit]
    )
    return index_page, list(notices)


@hooks.register("home_page_sections")
def notices_home_section(request, home_page):
    """The newest notices that are in their public-notice period today (kept for the day, until
    the site is next written)."""
    site = Site.find_for_request(request)
    if site is None:
        index_page, notices = in_period_today(home_page)
    else:
        index_page, notices = site_memo(
            site.pk, f"notices:home:{home_page.pk}", lambda: in_period_today(home_page), daily=True
        )
    if index_page is None:
        return None
    today = timezone.localdate()
    for notice in notices:
        notice.current_status = notice.status_on(today)
    more_url = index_page.get_url(request)
    if not notices:
        return HomeSection(
            "notices",
            "公示中的公告",
            empty_text="目前没有正在公示的公告。",
            more_url=more_url,
            more_label="进入公开栏",
        )
    return HomeSection(
        "notices",
        "公示中的公告",
        template="notices/includes/home_notices.html",
        stylesheet="notices/notices.css",
        context={"notices": notices},
        more_url=more_url,
        more_label="进入公开栏查看全部公告",
    )


hooks.register("provision_community", provisioning.provision)
hooks.register("create_community", provisioning.create)
hooks.register("register_stable_keys", provisioning.stable_keys)


@hooks.register("register_search_result_types")
def search_result_types():
    return [
        ResultType("notice", "公告", models=[NoticePage]),
        ResultType("finance", "财务公开", models=[FinancialDisclosurePage]),
    ]


def latest_notices(site, limit):
    """The newest live public notices of one community site."""
    notices = NoticeBase.objects.live().public().descendant_of(site.root_page, inclusive=False)
    return list(
        notices.order_by("-date", "-pk").only("id", "title", "date", "url_path", "path", "depth")[:limit]
    )


@hooks.register("district_community_items")
def latest_notices_of_each_community(request, sites, per_community=3):
    """The newest notices of every community of a sub-district: each community's are kept until
    that community's site is next written, so a sub-district home usually asks nothing."""
    result = {}
    for site in sites:
        notices = site_memo(
            site.pk, f"notices:latest:{per_community}", lambda site=site: latest_notices(site, per_community)
        )
        if notices:
            result[site.pk] = [{"title": n.title, "date": n.date, "url": n.get_url(request)} for n in notices]
    return result


# A quarter's disclosures are due within this many days after it ends.
DISCLOSURE_DUE_DAYS = 20


@hooks.register("district_figures")
def disclosure_figures(sites, today):
    """Last quarter's disclosures: due (one per fund), published, and overdue once the days are up."""
    year, quarter = (today.year, (today.month - 1) // 3) if today.month > 3 else (today.year - 1, 4)
    roots = {site.root_page.path: site.pk for site in sites}
    length = len(next(iter(roots))) if roots else 0
    due = dict(
        Fund.objects.filter(site__in=sites).values("site").annotate(n=Count("pk")).values_list("site", "n")
    )
    published_rows = (
        FinancialDisclosurePage.objects.live()
        .filter(year=year, period_kind="quarter", period_number=quarter)
        .annotate(root=Substr("path", 1, length))
        .filter(root__in=list(roots))
        .values("root")
        .annotate(n=Count("pk"))
        .values_list("root", "n")
    )
    published = {roots[root]: n for root, n in published_rows}
    quarter_start = datetime.date(today.year, 3 * ((today.month - 1) // 3) + 1, 1)
    late = today > quarter_start + datetime.timedelta(days=DISCLOSURE_DUE_DAYS)
    overdue = {pk: max(due.get(pk, 0) - published.get(pk, 0), 0) if late else 0 for pk in roots.values()}
    return [
        ("disclosures_due", f"{year}年第{quarter}季度应公开", due),
        ("disclosures_published", "已公开", published),
        ("disclosures_overdue", "逾期未公开", overdue),
    ]
