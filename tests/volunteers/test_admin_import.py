"""The admin import: upload → preview with errors → confirm, by staff only."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from volunteers.factories import VolunteerFactory
from volunteers.models import ServiceRecord
from volunteers.spreadsheet import COLUMNS

pytestmark = pytest.mark.django_db


def csv_file(*lines):
    text = "\n".join([",".join(COLUMNS), *lines]) + "\n"
    return SimpleUploadedFile("hours.csv", ("\ufeff" + text).encode("utf-8"), content_type="text/csv")


@pytest.fixture
def staff_client(client, staff_user, password):
    client.login(username=staff_user.username, password=password)
    return client


def test_upload_preview_confirm(staff_client, staff_user, site):
    VolunteerFactory(number="ZY001", real_name="张秀英")
    url = reverse("volunteers_tools:import")
    assert staff_client.get(url).status_code == 200
    day = (timezone.localdate() - datetime.timedelta(days=2)).isoformat()
    response = staff_client.post(
        url, {"action": "check", "site": site.pk, "file": csv_file(f"ZY001,张秀英,{day},3,义务理发,")}
    )
    html = response.content.decode()
    assert "全部通过，合计 3.0 小时" in html
    assert "确认导入 1 条记录" in html
    assert not ServiceRecord.objects.exists()  # the preview saves nothing

    response = staff_client.post(url, {"action": "confirm"})
    assert response.status_code == 302
    record = ServiceRecord.objects.get()
    assert record.verified_by == staff_user and record.verified_at is not None

    # Confirming twice does nothing more.
    staff_client.post(url, {"action": "confirm"})
    assert ServiceRecord.objects.count() == 1


def test_preview_lists_errors_and_offers_no_confirm(staff_client, site):
    VolunteerFactory(number="ZY001", real_name="张秀英")
    response = staff_client.post(
        reverse("volunteers_tools:import"),
        {
            "action": "check",
            "site": site.pk,
            "file": csv_file("ZY001,张秀英,2025-01-01,2,巡逻,", "ZY404,李四,2025-01-01,2,巡逻,"),
        },
    )
    html = response.content.decode()
    assert "第 3 行" in html and "志愿者编号“ZY404”不存在" in html
    assert "确认导入" not in html
    response = staff_client.post(reverse("volunteers_tools:import"), {"action": "confirm"})
    assert response.status_code == 302
    assert not ServiceRecord.objects.exists()


def test_bad_file_gets_a_message_not_a_500(staff_client, site):
    bad = SimpleUploadedFile("hours.xlsx", b"not a workbook")
    response = staff_client.post(
        reverse("volunteers_tools:import"), {"action": "check", "site": site.pk, "file": bad}
    )
    assert response.status_code == 200
    assert "无法读取这个 XLSX 文件" in response.content.decode()
    response = staff_client.post(reverse("volunteers_tools:import"), {"action": "check", "site": site.pk})
    assert response.status_code == 200


def test_menu_item_for_staff(staff_client):
    html = staff_client.get(reverse("wagtailadmin_home")).content.decode()
    assert "volunteers-import" in html and reverse("volunteers_tools:import") in html
