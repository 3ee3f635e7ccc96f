"""Records through the admin: verification by the user, Chinese validation messages, searching."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from volunteers.factories import PointsTransactionFactory, ServiceRecordFactory, VolunteerFactory
from volunteers.models import PointsTransaction, ServiceRecord, Volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user, password):
    client.login(username=staff_user.username, password=password)
    return client


def yesterday():
    return (timezone.localdate() - datetime.timedelta(days=1)).isoformat()


def test_add_volunteer_masks_and_requires_consent_date(staff_client, site):
    url = reverse("volunteers_volunteer:add")
    data = {
        "site": site.pk,
        "number": "ZY100",
        "real_name": "上官婉儿",
        "phone": "13800000000",
        "id_number": "",
        "address": "",
        "joined_on": "2024-05-01",
        "publish_consent": "on",
        "consent_date": "",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "请填写本人同意的日期" in response.content.decode()
    data["consent_date"] = "2024-05-01"
    response = staff_client.post(url, data)
    assert response.status_code == 302
    volunteer = Volunteer.objects.get(number="ZY100")
    assert volunteer.masked_name == "上官*儿"
    assert volunteer.display_name == "上官婉儿"
    # Duplicate numbers are refused.
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert Volunteer.objects.filter(number="ZY100").count() == 1


def test_revoking_consent_records_the_date(site):
    volunteer = VolunteerFactory(
        real_name="王建国", publish_consent=True, consent_date=datetime.date(2025, 1, 1)
    )
    assert volunteer.display_name == "王建国"
    volunteer.publish_consent = False
    volunteer.save()
    volunteer.refresh_from_db()
    assert volunteer.consent_revoked_on == timezone.localdate()
    assert volunteer.display_name == "王*国"


def test_add_service_record_verified_by_the_staff_member(staff_client, staff_user, site):
    volunteer = VolunteerFactory()
    url = reverse("volunteers_servicerecord:add")
    data = {
        "volunteer": volunteer.pk,
        "date": yesterday(),
        "hours": "2.5",
        "activity": "陪老人聊天",
        "team": "",
        "verify": "on",
    }
    assert staff_client.post(url, data).status_code == 302
    record = ServiceRecord.objects.get()
    assert record.verified_by == staff_user and record.verified_at
    assert PointsTransaction.objects.get(service_record=record).points == Decimal("1.25")


@pytest.mark.parametrize(
    ("hours", "message"),
    [("0", "时长必须大于 0 小时"), ("24.5", "不能超过 24 小时"), ("1.25", "1")],
)
def test_bad_hours_are_refused(staff_client, site, hours, message):
    volunteer = VolunteerFactory()
    data = {"volunteer": volunteer.pk, "date": yesterday(), "hours": hours, "activity": "巡逻", "team": ""}
    response = staff_client.post(reverse("volunteers_servicerecord:add"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ServiceRecord.objects.exists()


def test_future_date_refused(staff_client, site):
    volunteer = VolunteerFactory()
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    data = {"volunteer": volunteer.pk, "date": tomorrow, "hours": "2", "activity": "巡逻", "team": ""}
    response = staff_client.post(reverse("volunteers_servicerecord:add"), data)
    assert "服务日期不能晚于今天" in response.content.decode()


def test_balance_never_below_zero(staff_client, site):
    volunteer = VolunteerFactory()
    ServiceRecordFactory(volunteer=volunteer, hours=Decimal("10"))  # 5 points
    url = reverse("volunteers_pointstransaction:add")
    data = {
        "volunteer": volunteer.pk,
        "date": yesterday(),
        "points": "-6",
        "reason": "exchange",
        "note": "兑换大米",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "积分余额不足：当前余额 5.00 分，不能扣除 6 分。" in response.content.decode()
    data["points"] = "-5"
    assert staff_client.post(url, data).status_code == 302
    assert Volunteer.objects.get(pk=volunteer.pk).points_balance == 0


def test_points_model_validation():
    from django.core.exceptions import ValidationError

    txn = PointsTransactionFactory.build(
        volunteer=VolunteerFactory(), points=Decimal("-1"), reason="exchange"
    )
    with pytest.raises(ValidationError, match="积分余额不足"):
        txn.full_clean()


def test_admin_search_and_filter(staff_client, site):
    a = VolunteerFactory(real_name="赵桂兰", number="ZY777")
    VolunteerFactory(real_name="钱多多")
    ServiceRecordFactory(volunteer=a, activity="义务理发")
    ServiceRecordFactory(volunteer=a, activity="上门送餐", verified_at=None)
    html = staff_client.get(reverse("volunteers_volunteer:index"), {"q": "桂兰"}).content.decode()
    assert "ZY777" in html and "钱多多" not in html
    html = staff_client.get(reverse("volunteers_servicerecord:index"), {"verified": "false"}).content.decode()
    assert "上门送餐" in html and "义务理发" not in html
    html = staff_client.get(reverse("volunteers_servicerecord:index"), {"q": "ZY777"}).content.decode()
    assert "义务理发" in html


def test_unverifying_spent_hours_is_refused(staff_client, site):
    volunteer = VolunteerFactory()
    record = ServiceRecordFactory(volunteer=volunteer, hours=Decimal("10"), activity="巡逻")  # 5 points
    PointsTransactionFactory(volunteer=volunteer, points=Decimal("-4"), reason="exchange")
    url = reverse("volunteers_servicerecord:edit", args=[record.pk])
    data = {
        "volunteer": volunteer.pk,
        "date": record.date.isoformat(),
        "hours": "10",
        "activity": "巡逻",
        "team": "",
    }
    response = staff_client.post(url, data)  # "verify" unticked
    assert response.status_code == 200
    assert "积分余额将为 -4.00 分，不能低于零" in response.content.decode()
    record.refresh_from_db()
    assert record.verified_at is not None
    data["verify"] = "on"
    data["hours"] = "9"  # 4.5 points, still covers the 4 spent
    assert staff_client.post(url, data).status_code == 302
    assert Volunteer.objects.get(pk=volunteer.pk).points_balance == Decimal("0.5")


def test_service_points_are_not_edited_by_hand(staff_client, site):
    record = ServiceRecordFactory(hours=Decimal("4"))
    txn = PointsTransaction.objects.get(service_record=record)
    url = reverse("volunteers_pointstransaction:edit", args=[txn.pk])
    data = {
        "volunteer": record.volunteer_id,
        "date": yesterday(),
        "points": "50",
        "reason": "service",
        "note": "",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "请修改对应的服务记录" in response.content.decode()
    txn.refresh_from_db()
    assert txn.points == Decimal("2.00")


def test_spent_points_cannot_be_deleted(staff_client, site):
    volunteer = VolunteerFactory()
    award = PointsTransactionFactory(volunteer=volunteer, points=Decimal("10"), reason="commendation")
    spent = PointsTransactionFactory(volunteer=volunteer, points=Decimal("-6"), reason="exchange")

    response = staff_client.post(reverse("volunteers_pointstransaction:delete", args=[award.pk]), follow=True)
    assert PointsTransaction.objects.filter(pk=award.pk).exists()
    assert "删除后积分余额将为 -6.00 分" in response.content.decode()

    staff_client.post(reverse("volunteers_pointstransaction:delete", args=[spent.pk]))
    assert not PointsTransaction.objects.filter(pk=spent.pk).exists()
    staff_client.post(reverse("volunteers_pointstransaction:delete", args=[award.pk]))
    assert not PointsTransaction.objects.filter(pk=award.pk).exists()
