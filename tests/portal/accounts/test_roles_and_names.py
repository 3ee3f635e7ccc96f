"""Accounts in the admin: verified names set by site admins only, maker–checker role rules."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse

from portal import roles
from portal.accounts.checks import role_conflicts_check
from portal.accounts.models import verified_name

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def site_admin(make_user):
    return make_user(roles.SITE_ADMINS, username="siteadmin2", first_name="刘主任")


def group_ids(*names):
    return [str(g.pk) for g in roles.groups(names)]


def new_user_data(username, *role_names, **extra):
    return {
        "username": username,
        "email": f"{username}@example.org",
        "first_name": "张",
        "last_name": "三",
        "password1": "Long-enough-passw0rd",
        "password2": "Long-enough-passw0rd",
        "groups": group_ids(*role_names),
        **extra,
    }


def test_a_site_admin_cannot_create_committee_members(client, site_admin):
    client.force_login(site_admin)
    for username in ("fake1", "fake2"):
        response = client.post(reverse("wagtailusers_users:add"), new_user_data(username, roles.COMMITTEE))
        assert response.status_code == 200
        assert "只有超级管理员或街道管理员可以增加或移除监委会成员" in response.content.decode()
    assert not User.objects.filter(groups=roles.group(roles.COMMITTEE)).exists()


def test_a_site_admin_cannot_move_someone_into_the_committee(client, site_admin, staff_user):
    member = User.objects.create_user("resident", first_name="居民", last_name="甲", email="r@example.org")
    client.force_login(site_admin)
    data = new_user_data("resident", roles.COMMITTEE)
    del data["password1"], data["password2"]
    data["is_active"] = "on"
    response = client.post(reverse("wagtailusers_users:edit", args=(member.pk,)), data)
    assert response.status_code == 200
    assert roles.group(roles.COMMITTEE) not in member.groups.all()


def test_a_site_admin_cannot_make_anyone_a_superuser(client, site_admin):
    client.force_login(site_admin)
    response = client.post(
        reverse("wagtailusers_users:add"), new_user_data("sneaky", roles.COMMUNITY_STAFF, is_superuser="on")
    )
    assert response.status_code == 302
    assert not User.objects.get(username="sneaky").is_superuser


@pytest.mark.parametrize(
    "other, superuser", [(roles.COMMUNITY_STAFF, False), (roles.SITE_ADMINS, False), (None, True)]
)
def test_the_committee_excludes_staff_site_admins_and_superusers(client, admin_user_role, other, superuser):
    client.force_login(admin_user_role)
    extra = {"is_superuser": "on"} if superuser else {}
    names = [roles.COMMITTEE] + ([other] if other else [])
    response = client.post(reverse("wagtailusers_users:add"), new_user_data("both", *names, **extra))
    assert response.status_code == 200
    assert "监委会成员不能同时担任本社区的" in response.content.decode()
    assert not User.objects.filter(username="both").exists()


def test_a_superuser_adds_a_committee_member_with_a_verified_name(client, admin_user_role):
    client.force_login(admin_user_role)
    response = client.post(
        reverse("wagtailusers_users:add"),
        new_user_data("zhou", roles.COMMITTEE, verified_name="周德明"),
    )
    assert response.status_code == 302
    member = User.objects.get(username="zhou")
    assert verified_name(member) == "周德明"
    assert member.verified_name_record.set_by == admin_user_role


def test_site_admins_set_verified_names_and_users_cannot(client, site_admin, make_user):
    member = make_user(roles.COMMITTEE, username="wu", first_name="吴桂英")
    client.force_login(site_admin)
    data = {
        "username": "wu",
        "email": member.email,
        "first_name": "吴",
        "last_name": "桂英",
        "is_active": "on",
        "groups": group_ids(roles.COMMITTEE),
        "verified_name": "吴桂英（核实）",
    }
    assert client.post(reverse("wagtailusers_users:edit", args=(member.pk,)), data).status_code == 302
    assert verified_name(User.objects.get(pk=member.pk)) == "吴桂英（核实）"
    # The member's own account page has no such field, and posting one changes nothing.
    client.force_login(member)
    html = client.get(reverse("wagtailadmin_account")).content.decode()
    assert "verified_name" not in html
    client.post(reverse("wagtailadmin_account"), {"name_email-verified_name": "自封的名字"})
    assert verified_name(User.objects.get(pk=member.pk)) == "吴桂英（核实）"
    # Nor can members reach the user admin at all.
    assert client.get(reverse("wagtailusers_users:edit", args=(member.pk,))).status_code in (302, 403)


def test_the_start_up_check_reports_existing_conflicts(make_user):
    make_user(roles.COMMITTEE, roles.COMMUNITY_STAFF, username="conflicted")
    make_user(roles.COMMITTEE, username="fine")
    warnings = role_conflicts_check()
    assert [w.obj for w in warnings] == ["conflicted"]
    assert (
        warnings[0].id == "accounts.W001" and "监委会成员不能同时担任本社区的社区工作人员" in warnings[0].msg
    )
    call_command("check")  # a warning, not an error: the site still starts so that it can be fixed
