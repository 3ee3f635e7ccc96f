import pytest
from django.contrib.auth.models import Group

from portal import roles

pytestmark = pytest.mark.django_db


def test_five_roles_exist_after_migrate():
    names = set(Group.objects.values_list("name", flat=True))
    assert set(roles.ALL_ROLES) <= names
    assert roles.ALL_ROLES == ["居民编辑", "主编", "社区工作人员", "监委会", "站点管理员"]


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


def test_site_admins_manage_users_and_settings(make_user):
    user = make_user(roles.SITE_ADMINS)
    assert user.has_perm("auth.add_user")
    assert user.has_perm("portal.change_communitysettings")
    assert roles.user_has_role(user, roles.SITE_ADMINS)
    assert not roles.user_has_role(user, roles.COMMITTEE)


def test_admin_speaks_chinese(client, make_user, password):
    user = make_user(roles.COMMUNITY_STAFF)
    client.login(username=user.username, password=password)
    html = client.get("/admin/").content.decode()
    assert 'lang="zh-hans"' in html
    assert "仪表板" in html or "控制面板" in html or "页面" in html
