"""Volunteers in the admin (viewsets.py), log actions, home sections and consent withdrawal."""

from django.db.models import Sum
from wagtail import hooks
from wagtail.models import Site

from home.sections import HomeSection
from portal.page_cache.memo import site_memo

from . import provisioning
from .consent import consent_withdrawn
from .models import (
    RoleModelPage,
    Volunteer,
    VolunteerBoardPage,
)
from .models.role_models import share_names_without_consent
from .models.settings import star_words
from .search import search_result_types
from .viewsets import ServiceHoursToolsViewSet, VolunteerGroup


@hooks.register("register_admin_viewset")
def register_viewsets():
    return [VolunteerGroup(), ServiceHoursToolsViewSet()]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("volunteers.import", "导入服务时长", "导入服务时长")
    actions.register_action("volunteers.import_undone", "撤销导入批次", "撤销导入批次")


# -- home page sections -------------------------------------------------------------


def _site(request, home_page):
    return Site.find_for_request(request) or home_page.get_site()


def _board_for(request, home_page):
    """The site's star board, looked up once per site until the site is written."""
    site = _site(request, home_page)
    return site_memo(
        site.pk,
        f"volunteers:board-of:{home_page.pk}",
        lambda: VolunteerBoardPage.objects.descendant_of(home_page).live().public().first(),
    )


def top_volunteers(request, site, board):
    board_url = board.get_url(request)
    top = (
        Volunteer.objects.filter(site=site, total_hours__gt=0)
        .public()
        .order_by("-total_hours", "masked_name", "pk")[:5]
    )
    return {
        "board_url": board_url,
        "items": [
            {
                "name": v.public_name,
                "stars": star_words(v.star_level),
                "level": v.star_level,
                "hours": v.total_hours,
                "url": board_url + board.reverse_subpage("profile", args=[v.public_id]),
            }
            for v in top
        ],
    }


@hooks.register("home_page_sections")
def volunteers_section(request, home_page):
    board = _board_for(request, home_page)
    if board is None:
        return None
    site = _site(request, home_page)
    top = site_memo(site.pk, f"volunteers:home-top:{board.pk}", lambda: top_volunteers(request, site, board))
    return HomeSection(
        "volunteers",
        "志愿服务星级榜",
        template="volunteers/includes/home_volunteers.html",
        stylesheet="volunteers/volunteers.css",
        context={"items": top["items"]},
        more_url=top["board_url"],
        more_label="查看星级榜",
    )


def latest_role_models(request, site, board):
    index = board.role_model_index()
    if index is None:
        return None
    pages = list(index.specific.role_models().order_by("-first_published_at", "pk")[:3])
    share_names_without_consent(pages, site_id=site.pk)
    return {"index_url": index.get_url(request), "pages": pages}


@hooks.register("home_page_sections")
def role_models_section(request, home_page):
    board = _board_for(request, home_page)
    if board is None:
        return None
    site = _site(request, home_page)
    latest = site_memo(
        site.pk, f"volunteers:home-role-models:{board.pk}", lambda: latest_role_models(request, site, board)
    )
    if not latest or not latest["pages"]:
        return None
    return HomeSection(
        "role_models",
        "身边的榜样",
        template="volunteers/includes/home_role_models.html",
        stylesheet="volunteers/volunteers.css",
        context={"pages": latest["pages"]},
        more_url=latest["index_url"],
        more_label="查看全部榜样",
    )


@hooks.register("after_edit_page")
def revoke_role_model_consent_at_once(request, page):
    """Unticking consent takes effect on the live page even when only a draft is saved."""
    if not isinstance(page, RoleModelPage) or page.publish_consent:
        return
    if RoleModelPage.objects.filter(pk=page.pk, publish_consent=True).update(publish_consent=False):
        consent_withdrawn(role_model=RoleModelPage.objects.get(pk=page.pk))


hooks.register("provision_community", provisioning.provision)
hooks.register("create_community", provisioning.create)
hooks.register("register_stable_keys", provisioning.stable_keys)


hooks.register("register_search_result_types", search_result_types)


@hooks.register("district_figures")
def hour_figures(sites, today):
    """Verified service hours this year, per community."""
    rows = (
        Volunteer.objects.filter(site__in=sites, hours_year=today.year)  # stored (stats.py)
        .values("site")
        .annotate(total=Sum("year_hours"))
        .values_list("site", "total")
    )
    return [("hours", f"{today.year}年志愿服务时长（小时）", dict(rows))]
