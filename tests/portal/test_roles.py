import pytest
from django.contrib.auth.models import Group

from portal import roles

pytestmark = pytest.mark.django_db


def test_the_roles_exist_after_migrate():
    names = {role: roles.group(role).name for role in roles.ALL_ROLES}
    assert names == {
        "resident_editor": "居民编辑",
        "chief": "主编",
        "staff": "社区工作人员",
        "committee": "监委会",
        "site_admin": "站点管理员",
        "grid_worker": "网格员",
        "district_admin": "街道管理员",
        "district_supervisor": "街道监督",
    }
    assert Group.objects.count() == 8


def test_roles_are_found_by_key_whatever_the_groups_are_called(make_user):
    member = make_user(roles.COMMITTEE)
    Group.objects.filter(pk=roles.group(roles.COMMITTEE).pk).update(name="居务监督委员会（第三届）")
    member = type(member).objects.get(pk=member.pk)
    assert roles.user_has_role(member, roles.COMMITTEE)
    assert roles.group(roles.COMMITTEE).name == "居务监督委员会（第三届）"


@pytest.mark.parametrize("role", roles.ALL_ROLES)
def test_every_role_can_reach_the_admin(client, make_user, password, role):
    user = make_user(role)
    assert user.has_perm("wagtailadmin.access_admin")
    client.login(username=user.username, password=password)
    response = client.get("/admin/")
    assert response.status_code == 200


def test_user_without_role_is_turned_away(client, make_user, password):
    user = make_user()
    client.login(username=user.username, password=password)
    response = client.get("/admin/")
    assert response.status_code == 302


def test_site_admins_manage_users_and_their_own_communitys_settings(make_user, site):
    from wagtail.models import Page, Site

    from portal.models import CommunitySettings

    user = make_user(roles.SITE_ADMINS)
    assert user.has_perm("auth.add_user")
    policy = CommunitySettings.get_permission_policy()
    assert policy.user_has_permission_for_instance(user, "change", site)
    other = Site.objects.create(
        hostname="other.localhost", root_page=Page.get_first_root_node().get_children().first()
    )
    assert not policy.user_has_permission_for_instance(user, "change", other)
    assert roles.user_has_role(user, roles.SITE_ADMINS)
    assert not roles.user_has_role(user, roles.COMMITTEE)


def test_admin_speaks_chinese(client, make_user, password):
    user = make_user(roles.COMMUNITY_STAFF)
    client.login(username=user.username, password=password)
    html = client.get("/admin/").content.decode()
    assert 'lang="zh-hans"' in html
    assert "仪表板" in html or "控制面板" in html or "页面" in html
