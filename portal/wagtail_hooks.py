"""portal's admin: its own part of setting up a community, the sub-district's pages."""

from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import district, roles
from .provisioning import provision_site_admins

hooks.register("provision_community", provision_site_admins)


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
