"""Insider attacks on accounts and roles (security review of issue 10).

Each test plays an attack through the admin and asserts the refusal.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from notices.models.workflow import CommitteeApprovalTask
from portal import roles

pytestmark = pytest.mark.django_db
User = get_user_model()


@pytest.fixture
def site_admin(make_user):
    return make_user(roles.SITE_ADMINS, username="siteadmin2", first_name="刘主任")


def bulk_assign(client, users, role):
    url = reverse("wagtail_bulk_action", args=("auth", "user", "assign_role"))
    url += "?" + "&".join(f"id={u.pk}" for u in users)
    return client.post(url, {"role": roles.group(role).pk})


def test_a_site_admin_cannot_take_over_a_superuser(client, site_admin, admin_user_role):
    client.force_login(site_admin)
    client.post(
        reverse("wagtailusers_users:edit", args=(admin_user_role.pk,)),
        {
            "username": admin_user_role.username,
            "email": admin_user_role.email,
            "first_name": admin_user_role.first_name,
            "last_name": "某",
            "is_active": "on",
            "groups": [str(g.pk) for g in admin_user_role.groups.all()],
            "password1": "Hijacked-passw0rd!",
            "password2": "Hijacked-passw0rd!",
        },
    )
    client.logout()
    assert not client.login(username=admin_user_role.username, password="Hijacked-passw0rd!")


def test_the_bulk_assign_role_action_refuses_conflicting_roles(client, admin_user_role, staff_user):
    client.force_login(admin_user_role)
    bulk_assign(client, [staff_user], roles.COMMITTEE)
    assert not staff_user.groups.filter(pk=roles.group(roles.COMMITTEE).pk).exists()


def test_someone_given_conflicting_roles_by_any_path_still_cannot_approve(
    client, admin_user_role, staff_user
):
    """Whatever put them there, a member who is also staff is no reviewer (locks in is_reviewer)."""
    staff_user.groups.add(roles.group(roles.COMMITTEE))  # e.g. from a shell or an old database
    staff_user = User.objects.get(pk=staff_user.pk)
    assert staff_user.groups.filter(pk=roles.group(roles.COMMITTEE).pk).exists()
    assert not CommitteeApprovalTask.objects.get().is_reviewer(staff_user)


def test_a_site_admin_cannot_configure_the_committee_task_groups_or_sites(client, site_admin):
    """Quorum, the task's groups, workflows, group permissions and sites are superuser-only."""
    task = CommitteeApprovalTask.objects.get()
    committee = roles.group(roles.COMMITTEE)
    client.force_login(site_admin)
    for url in (
        reverse("wagtailadmin_workflows:index"),
        reverse("wagtailadmin_workflows:task_index"),
        reverse("wagtailadmin_workflows:edit_task", args=(task.pk,)),
        reverse("wagtailusers_groups:edit", args=(committee.pk,)),
        reverse("wagtailsites:index"),
    ):
        assert client.get(url).status_code in (302, 403), url
    client.post(
        reverse("wagtailadmin_workflows:edit_task", args=(task.pk,)),
        {"groups": [roles.group(roles.RESIDENT_EDITORS).pk], "quorum": "1"},
    )
    client.post(reverse("wagtailusers_groups:edit", args=(committee.pk,)), {"name": "临时组"})
    task.refresh_from_db()
    assert task.quorum == 2 and list(task.groups.all()) == [roles.group(roles.COMMITTEE)]
    assert Group.objects.filter(pk=committee.pk).exists()


def test_a_site_admin_cannot_remove_committee_members(client, site_admin, make_user):
    members = [make_user(roles.COMMITTEE, username=f"member{i}", first_name=f"成员{i}") for i in range(2)]
    client.force_login(site_admin)
    client.post(reverse("wagtailusers_users:delete", args=(members[0].pk,)))
    url = reverse("wagtail_bulk_action", args=("auth", "user", "set_active_state")) + f"?id={members[1].pk}"
    client.post(url, {"mark_as_active": "False"})
    active = User.objects.filter(
        pk__in=[m.pk for m in members], is_active=True, groups=roles.group(roles.COMMITTEE)
    )
    assert active.count() == 2
