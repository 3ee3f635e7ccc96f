"""A community created with `add_community` gets everything the feedback desk needs: its 网格员
group, the permissions of its staff, 网格员 and 监委会, its rules editable by its own staff only;
and the sub-district sees 反馈件数 and 按期答复率 per community."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import GroupSitePermission, Site

from notices.feedback import factories, handling
from notices.feedback.models import FeedbackSettings
from portal import district, roles

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def jinxiu(home_page):
    call_command("add_community", name="锦绣社区", hostname="jinxiu.localhost", stdout=io.StringIO())
    return Site.objects.get(hostname="jinxiu.localhost")


def test_a_new_community_gets_its_own_grid_workers_and_permissions(jinxiu, site):
    grid = roles.group(roles.GRID_WORKERS, jinxiu)
    assert grid is not None and grid != roles.group(roles.GRID_WORKERS, site)
    assert grid.name == "网格员·锦绣社区"
    codenames = {
        role: set(roles.group(role, jinxiu).permissions.values_list("codename", flat=True))
        for role in (roles.COMMUNITY_STAFF, roles.GRID_WORKERS, roles.COMMITTEE, roles.RESIDENT_EDITORS)
    }
    assert {"view_feedback", "change_feedback", "reveal_contact"} <= codenames[roles.COMMUNITY_STAFF]
    assert {"view_feedback", "note_feedback", "access_admin"} <= codenames[roles.GRID_WORKERS]
    assert "reveal_contact" not in codenames[roles.GRID_WORKERS]
    assert "view_feedback" in codenames[roles.COMMITTEE]
    assert "reveal_contact" not in codenames[roles.COMMITTEE]
    assert not {c for c in codenames[roles.RESIDENT_EDITORS] if c.endswith("feedback")}
    staff = roles.group(roles.COMMUNITY_STAFF, jinxiu)
    assert GroupSitePermission.objects.filter(
        group=staff, site=jinxiu, permission__codename="change_feedbacksettings"
    ).exists()


def test_staff_edit_only_their_own_communitys_rules(client, jinxiu, site, make_user):
    user = make_user(username="jx-staff")
    user.groups.add(roles.group(roles.COMMUNITY_STAFF, jinxiu))
    client.force_login(user)
    own = reverse("wagtailsettings:edit", args=["feedback", "feedbacksettings", jinxiu.pk])
    other = reverse("wagtailsettings:edit", args=["feedback", "feedbacksettings", site.pk])
    assert client.get(own).status_code == 200
    response = client.post(
        own, {"reply_working_days": "7", "enquiry_working_days": "2", "locations": "1号楼\n2号楼"}
    )
    assert response.status_code == 302
    assert FeedbackSettings.for_site(jinxiu).reply_working_days == 7
    response = client.post(other, {"reply_working_days": "1", "enquiry_working_days": "1", "locations": ""})
    assert response.status_code in (302, 403)
    assert FeedbackSettings.for_site(site).reply_working_days == 10


def test_the_sub_district_sees_received_and_on_time_rate_per_community(jinxiu, site, staff_user, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D(2026, 11, 30))
    for _ in range(3):
        factories.file(when=D(2026, 11, 2))
    on_time, _ = factories.file(when=D(2026, 11, 20))
    handling.publish_reply(on_time, "已处理。", staff_user)
    factories.file(when=D(2026, 11, 3), site=jinxiu)
    labels, rows = district.table(D(2026, 11, 30))
    assert "2026年反馈件数" in labels and "按期答复率" in labels
    values = {site.pk: dict(zip(labels, figures, strict=True)) for _, site, figures in rows}
    assert values[site.pk]["2026年反馈件数"] == 4 and values[site.pk]["按期答复率"] == "25.0%"
    assert values[jinxiu.pk]["2026年反馈件数"] == 1 and values[jinxiu.pk]["按期答复率"] == "0.0%"
