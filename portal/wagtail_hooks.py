"""portal's admin: its own part of setting up a community, the sub-district's pages, the holiday
table of the working-day clock and its dashboard warning."""

from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.viewsets.model import ModelViewSet

from . import district, roles, workdays
from .models import WorkdayOverride
from .page_cache.tags import page_cache_tags
from .provisioning import provision_site_admins, provision_workdays

hooks.register("provision_community", provision_site_admins)
hooks.register("before_serve_page", page_cache_tags)
hooks.register("provision_community", provision_workdays)


@hooks.register("register_admin_urls")
def district_urls():
    return [
        path("district/", district.dashboard, name="district_dashboard"),
        path("district/add-community/", district.add_community_view, name="district_add_community"),
    ]


class DistrictMenuItem(MenuItem):
    def is_shown(self, request):
        return roles.is_district(request.user)


@hooks.register("register_admin_menu_item")
def district_menu_item():
    return DistrictMenuItem("各社区概况", reverse("district_dashboard"), icon_name="site", order=900)


class AddCommunityMenuItem(MenuItem):
    def is_shown(self, request):
        return district.may_add_communities(request.user)


@hooks.register("register_settings_menu_item")
def add_community_menu_item():
    return AddCommunityMenuItem("新增社区", reverse("district_add_community"), icon_name="plus", order=150)


class WorkdayOverrideViewSet(ModelViewSet):
    """节假日与调休: the days that differ from the package's schedule, or a year it does not know."""

    model = WorkdayOverride
    icon = "date"
    menu_label = "节假日与调休"
    add_to_settings_menu = True
    menu_order = 160
    list_display = ["date", "name", "is_working_day"]
    list_filter = ["is_working_day"]
    search_fields = ["name"]
    search_backend_name = None
    copy_view_enabled = False
    inspect_view_enabled = False


@hooks.register("register_admin_viewset")
def workday_viewset():
    return WorkdayOverrideViewSet("portal_workdays")


class MissingHolidaysPanel(Component):
    """A warning for staff: next year's (or this year's) holidays are not known yet."""

    name = "missing_holidays"
    order = 5

    def __init__(self, year):
        self.year = year

    def render_html(self, parent_context=None):
        url = reverse("portal_workdays:index")
        return format_html(
            '<section class="help-block help-warning" aria-label="节假日提醒"><p>'
            "尚未录入{}年法定节假日：工作日期限暂按周一至周五计算，春节、国庆等假期和调休都不会算进去。"
            '请在国务院办公厅公布安排后，到 <a href="{}">设置 → 节假日与调休</a> 逐日录入放假和调休上班的日期。'
            "</p></section>",
            self.year,
            url,
        )


@hooks.register("construct_homepage_panels")
def missing_holidays_panel(request, panels):
    user = request.user
    if not (user.is_superuser or roles.has_any_role(user, [roles.COMMUNITY_STAFF, roles.SITE_ADMINS])):
        return
    year = workdays.missing_year(timezone.localdate())
    if year is not None:
        panels.append(MissingHolidaysPanel(year))
