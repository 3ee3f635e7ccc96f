"""Volunteers in the admin (viewsets.py), log actions, home sections and consent withdrawal."""

from django.db.models import Sum
from wagtail import hooks
from wagtail.models import Site

from home.sections import HomeSection

from . import provisioning
from .consent import consent_withdrawn
from .models import (
    RoleModelPage,
    ServiceRecord,
    Volunteer,
    VolunteerBoardPage,
    VolunteerSettings,
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


def _board_for(request, home_page):
    """The site's star board, looked up once per request for both home sections."""
    cache = request.__dict__.setdefault("_volunteer_board", {})
    if home_page.pk not in cache:
        cache[home_page.pk] = VolunteerBoardPage.objects.descendant_of(home_page).live().public().first()
    return cache[home_page.pk]


@hooks.register("home_page_sections")
def volunteers_section(request, home_page):
    board = _board_for(request, home_page)
    if board is None:
        return None
    site = Site.find_for_request(request) or home_page.get_site()
    rules = VolunteerSettings.for_site(site)
    top = list(
        Volunteer.objects.filter(site=site)
        .with_stats(rules)
        .filter(total_hours__gt=0)
        .order_by("-total_hours", "masked_name", "pk")[:5]
    )
    board_url = board.get_url(request)
    items = [
        {
            "name": v.public_name,
            "stars": star_words(v.star_level),
            "level": v.star_level,
            "hours": v.total_hours,
            "url": board_url + board.reverse_subpage("profile", args=[v.public_id]),
        }
        for v in top
    ]
    return HomeSection(
        "volunteers",
        "志愿服务星级榜",
        template="volunteers/includes/home_volunteers.html",
        stylesheet="volunteers/volunteers.css",
        context={"items": items},
        more_url=board_url,
        more_label="查看星级榜",
    )


@hooks.register("home_page_sections")
def role_models_section(request, home_page):
    board = _board_for(request, home_page)
    if board is None:
        return None
    index = board.role_model_index()
    if index is None:
        return None
    pages = list(index.specific.role_models().order_by("-first_published_at", "pk")[:3])
    share_names_without_consent(pages, site=Site.find_for_request(request) or home_page.get_site())
    if not pages:
        return None
    return HomeSection(
        "role_models",
        "身边的榜样",
        template="volunteers/includes/home_role_models.html",
        stylesheet="volunteers/volunteers.css",
        context={"pages": pages},
        more_url=index.get_url(request),
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
        ServiceRecord.objects.filter(
            volunteer__site__in=sites, verified_at__isnull=False, date__year=today.year
        )
        .values("volunteer__site")
        .annotate(total=Sum("hours"))
        .values_list("volunteer__site", "total")
    )
    return [("hours", f"{today.year}年志愿服务时长（小时）", dict(rows))]
