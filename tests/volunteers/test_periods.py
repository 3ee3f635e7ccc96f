"""A published commendation period freezes star levels, hours and commendations."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from volunteers.factories import CommendationPeriodFactory, ServiceRecordFactory, VolunteerFactory
from volunteers.models import CommendationEntry, CommendationPeriod

pytestmark = pytest.mark.django_db


def give(volunteer, hours, days_ago=10):
    remaining = Decimal(hours)
    while remaining > 0:
        chunk = min(remaining, Decimal("24"))
        ServiceRecordFactory(
            volunteer=volunteer, hours=chunk, date=timezone.localdate() - datetime.timedelta(days=days_ago)
        )
        remaining -= chunk


@pytest.fixture
def period(site):
    today = timezone.localdate()
    return CommendationPeriodFactory(
        title="2026年上半年",
        start_date=today - datetime.timedelta(days=60),
        end_date=today,
        commend_min_hours=40,
    )


def test_publish_through_the_admin_freezes_results(client, staff_user, password, board, period):
    keen = VolunteerFactory(real_name="张秀英")
    give(keen, "120")
    casual = VolunteerFactory(real_name="李建国")
    give(casual, "10")
    client.login(username=staff_user.username, password=password)
    url = reverse("volunteers_tools:publish_period", args=[period.pk])
    assert "确认发布" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    period.refresh_from_db()
    assert period.is_published and period.published_by == staff_user

    entry = CommendationEntry.objects.get(period=period, volunteer=keen)
    assert (entry.star_level, entry.total_hours, entry.commended) == (1, Decimal("120"), True)
    assert not CommendationEntry.objects.get(period=period, volunteer=casual).commended

    # Later hours (even back-dated into the period) change nothing that was published.
    give(casual, "500", days_ago=5)
    html = client.get(f"/volunteers/period/{period.pk}/").content.decode()
    assert "一星志愿者" in html and "二星志愿者" not in html.split("vol-ranking")[1]
    entry = CommendationEntry.objects.get(period=period, volunteer=casual)
    assert (entry.star_level, entry.commended) == (0, False)
    # The profile shows the commendation; the board links to the period.
    assert (
        "2026年上半年：一星志愿者，<strong>优秀志愿者</strong>"
        in client.get(f"/volunteers/v/{keen.public_id}/").content.decode()
    )
    assert f"/volunteers/period/{period.pk}/" in client.get("/volunteers/").content.decode()


def test_published_period_cannot_be_edited_or_republished(client, staff_user, password, period):
    give(VolunteerFactory(), "30")
    period.publish()
    frozen = list(period.entries.values_list("pk", "total_hours"))
    assert len(frozen) == 1
    client.login(username=staff_user.username, password=password)
    response = client.post(
        reverse("volunteers_commendationperiod:edit", args=[period.pk]),
        {
            "site": period.site_id,
            "title": "改过的标题",
            "start_date": "2026-01-01",
            "end_date": "2026-06-30",
            "commendation": "优秀志愿者",
            "commend_min_hours": "1",
        },
    )
    assert response.status_code == 200
    assert "已发布，内容已冻结" in response.content.decode()
    period.refresh_from_db()
    assert period.title == "2026年上半年"
    response = client.post(reverse("volunteers_tools:publish_period", args=[period.pk]), follow=True)
    assert "不能重复发布" in response.content.decode()
    assert list(period.entries.values_list("pk", "total_hours")) == frozen


def test_frozen_name_falls_back_to_mask_after_revocation(client, board, period):
    volunteer = VolunteerFactory(
        real_name="欧阳明华", publish_consent=True, consent_date=datetime.date(2025, 1, 1)
    )
    give(volunteer, "50")
    period.publish()
    url = f"/volunteers/period/{period.pk}/"
    assert "欧阳明华" in client.get(url).content.decode()
    volunteer.publish_consent = False
    volunteer.save()
    html = client.get(url).content.decode()
    assert "欧阳明华" not in html and "欧阳*华" in html
    # Renewed consent does not show a name that was masked when published, and vice versa.
    entry = period.entries.get()
    assert entry.public_name == "欧阳明华" and entry.name_consented


def test_unpublished_period_is_not_public(client, board, period):
    assert client.get(f"/volunteers/period/{period.pk}/").status_code == 404
    assert client.get("/volunteers/period/abc/").status_code == 404


def test_end_before_start_refused(site):
    from django.core.exceptions import ValidationError

    period = CommendationPeriod(
        site=site, title="错", start_date=datetime.date(2025, 7, 1), end_date=datetime.date(2025, 1, 1)
    )
    with pytest.raises(ValidationError, match="结束日期不能早于开始日期"):
        period.full_clean()


def test_listing_offers_publish_until_published(client, staff_user, password, period):
    client.login(username=staff_user.username, password=password)
    index = reverse("volunteers_commendationperiod:index")
    publish_url = reverse("volunteers_tools:publish_period", args=[period.pk])
    assert publish_url in client.get(index).content.decode()
    period.publish()
    html = client.get(index).content.decode()
    assert publish_url not in html and "已发布" in html
