"""社区工作人员 manage volunteer records and pages; 居民编辑 and 监委会 cannot see them."""

import pytest
from django.urls import reverse
from wagtail.models import GroupPagePermission

from portal import roles
from volunteers.factories import VolunteerFactory

pytestmark = pytest.mark.django_db

VIEWSETS = [
    "volunteers_volunteer",
    "volunteers_volunteerteam",
    "volunteers_servicerecord",
    "volunteers_pointstransaction",
    "volunteers_commendationperiod",
]


def login(client, user, password):
    assert client.login(username=user.username, password=password)
    return client


def test_staff_can_list_add_and_edit(client, staff_user, password, site):
    login(client, staff_user, password)
    for name in VIEWSETS:
        assert client.get(reverse(f"{name}:index")).status_code == 200, name
        assert client.get(reverse(f"{name}:add")).status_code == 200, name
    volunteer = VolunteerFactory(real_name="张秀英")
    assert client.get(reverse("volunteers_volunteer:edit", args=[volunteer.pk])).status_code == 200
    assert client.get(reverse("volunteers_tools:import")).status_code == 200
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "volunteers_volunteer" in html or reverse("volunteers_volunteer:index") in html


@pytest.mark.parametrize("role", [roles.RESIDENT_EDITORS, roles.COMMITTEE, roles.EDITOR_IN_CHIEF])
def test_editors_and_committee_cannot_see_records(client, make_user, password, role, site):
    user = make_user(role)
    login(client, user, password)
    volunteer = VolunteerFactory(real_name="张秀英")
    urls = [reverse(f"{name}:index") for name in VIEWSETS]
    urls += [
        reverse("volunteers_volunteer:edit", args=[volunteer.pk]),
        reverse("volunteers_volunteer:add"),
        reverse("volunteers_tools:import"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "张秀英" not in response.content.decode()
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("volunteers_volunteer:index") not in html
    assert reverse("volunteers_tools:import") not in html


def test_board_creation_grants_staff_page_permissions(board):
    perms = set(
        GroupPagePermission.objects.filter(group=roles.group(roles.COMMUNITY_STAFF), page=board).values_list(
            "permission__codename", flat=True
        )
    )
    assert {"add_page", "change_page", "publish_page"} <= perms


def test_staff_can_add_a_role_model_in_the_admin(client, staff_user, password, role_index):
    login(client, staff_user, password)
    url = reverse("wagtailadmin_pages:add", args=["volunteers", "rolemodelpage", role_index.pk])
    assert client.get(url).status_code == 200
    # ...but not outside the volunteer board.
    home = role_index.get_parent().get_parent()
    other = reverse("wagtailadmin_pages:edit", args=[home.pk])
    assert client.get(other).status_code in (302, 403)
