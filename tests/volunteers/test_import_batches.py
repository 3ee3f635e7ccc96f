"""Import batches: the same file is refused twice, two confirms write once, a batch can be undone."""

import datetime
from decimal import Decimal
from io import BytesIO, StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Site

from portal import roles
from volunteers import spreadsheet
from volunteers.factories import (
    CommendationPeriodFactory,
    PointsTransactionFactory,
    VolunteerFactory,
)
from volunteers.models import ImportBatch, PointsTransaction, ServiceRecord
from volunteers.spreadsheet import COLUMNS, SpreadsheetError, import_file

pytestmark = pytest.mark.django_db

DAYS_AGO = 20


def day(days_ago=DAYS_AGO):
    return (timezone.localdate() - datetime.timedelta(days=days_ago)).isoformat()


def csv_bytes(rows=40):
    lines = [",".join(COLUMNS)]
    lines += [
        f"ZY{1 + i % 2:03d},{'张秀英' if i % 2 == 0 else '李建国'},{day()},1.5,巡逻第{i}次,"
        for i in range(rows)
    ]
    return ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8")


@pytest.fixture
def people(site):
    return [
        VolunteerFactory(number="ZY001", real_name="张秀英"),
        VolunteerFactory(number="ZY002", real_name="李建国"),
    ]


@pytest.fixture
def staff_client(client, staff_user, password):
    client.login(username=staff_user.username, password=password)
    return client


def upload(staff_client, site, data, name="hours.csv"):
    file = SimpleUploadedFile(name, data, content_type="text/csv")
    return staff_client.post(
        reverse("volunteers_tools:import"), {"action": "check", "site": site.pk, "file": file}
    )


def confirm(staff_client):
    return staff_client.post(reverse("volunteers_tools:import"), {"action": "confirm"}, follow=True)


# -- the same file twice ---------------------------------------------------------------


def test_command_refuses_the_same_file_twice_naming_the_earlier_batch(tmp_path, people):
    path = tmp_path / "hours.csv"
    path.write_bytes(csv_bytes())
    call_command("import_service_hours", str(path), stdout=StringIO())
    batch = ImportBatch.objects.get()
    assert (batch.row_count, batch.total_hours, batch.filename) == (40, Decimal("60.0"), str(path))
    assert len(batch.sha256) == 64
    assert ServiceRecord.objects.filter(import_batch=batch).count() == 40

    copy = tmp_path / "copy-of-hours.csv"  # another name, same content
    copy.write_bytes(csv_bytes())
    for args in ([], ["--dry-run"]):
        with pytest.raises(CommandError) as excinfo:
            call_command("import_service_hours", str(copy), *args, stdout=StringIO())
        message = str(excinfo.value)
        assert "这个文件已经导入过" in message
        assert f"第 {batch.pk} 批" in message
        assert f"{timezone.localtime(batch.imported_at):%Y-%m-%d}" in message
    assert ServiceRecord.objects.count() == 40


def test_admin_preview_refuses_a_file_already_imported(staff_client, people, site):
    assert "全部通过" in upload(staff_client, site, csv_bytes()).content.decode()
    confirm(staff_client)
    batch = ImportBatch.objects.get()
    html = upload(staff_client, site, csv_bytes(), name="again.csv").content.decode()
    assert "这个文件已经导入过" in html and f"第 {batch.pk} 批“hours.csv”" in html
    assert "确认导入" not in html


def test_the_same_file_is_fine_for_another_site(tmp_path, people):
    other = Site.objects.create(hostname="leann.example.org", root_page=Site.objects.get().root_page)
    VolunteerFactory(site=other, number="ZY001", real_name="张秀英")
    VolunteerFactory(site=other, number="ZY002", real_name="李建国")
    for site in (Site.objects.get(is_default_site=True), other):
        result = import_file(BytesIO(csv_bytes()), "hours.csv", site)
        assert result.imported == 40
    assert ImportBatch.objects.count() == 2


# -- two confirm clicks ----------------------------------------------------------------


def test_confirm_posted_twice_writes_the_rows_once(staff_client, people, site):
    upload(staff_client, site, csv_bytes())
    # A double click: both requests carry the session as it was before either finished.
    pending = dict(staff_client.session)
    response = confirm(staff_client)
    assert "已导入 40 条服务记录" in response.content.decode()
    session = staff_client.session
    session.update(pending)
    session.save()
    response = confirm(staff_client)
    assert "这个文件已经导入过" in response.content.decode()
    assert ServiceRecord.objects.count() == 40
    assert ImportBatch.objects.count() == 1


def test_confirms_racing_past_every_check_still_write_once(staff_client, people, site, monkeypatch):
    """The second confirm was checked before the first was saved: only the database stops it."""
    upload(staff_client, site, csv_bytes())
    pending = dict(staff_client.session)
    rows = spreadsheet.read_rows(BytesIO(csv_bytes()), "hours.csv")
    stale = spreadsheet.check_rows(rows, site)  # what the second request saw
    assert stale.ok
    confirm(staff_client)

    real_earlier_batch = spreadsheet.earlier_batch
    calls = []

    def earlier_batch_as_seen_before(site, sha256):
        calls.append(sha256)
        return None if len(calls) == 1 else real_earlier_batch(site, sha256)

    monkeypatch.setattr(spreadsheet, "earlier_batch", earlier_batch_as_seen_before)
    monkeypatch.setattr(spreadsheet, "check_rows", lambda rows, site, progress=None: stale)
    session = staff_client.session
    session.update(pending)
    session.save()
    response = confirm(staff_client)
    assert response.status_code == 200
    assert "这个文件已经导入过" in response.content.decode()
    assert len(calls) == 2  # the pre-check passed; the unique constraint refused the batch
    assert ServiceRecord.objects.count() == 40
    assert PointsTransaction.objects.count() == 40
    assert ImportBatch.objects.count() == 1


def test_the_database_holds_one_live_batch_per_file_and_site(site, staff_user):
    ImportBatch.objects.create(site=site, sha256="a" * 64, filename="a.csv")
    with pytest.raises(IntegrityError), transaction.atomic():
        ImportBatch.objects.create(site=site, sha256="a" * 64, filename="b.csv")
    # Once undone, the same file may be imported again.
    ImportBatch.objects.filter(sha256="a" * 64).update(undone_at=timezone.now())
    ImportBatch.objects.create(site=site, sha256="a" * 64, filename="c.csv")
    assert ImportBatch.objects.filter(sha256="a" * 64).count() == 2


# -- undo ------------------------------------------------------------------------------


@pytest.fixture
def batch(staff_client, people, site):
    upload(staff_client, site, csv_bytes())
    confirm(staff_client)
    return ImportBatch.objects.get()


def test_staff_undo_a_batch_with_a_confirmation_page_and_a_log_entry(staff_client, staff_user, batch, site):
    other = VolunteerFactory(number="ZY009", real_name="王德明")
    PointsTransactionFactory(volunteer=other)
    kept = ServiceRecord.objects.create(
        volunteer=other, date=timezone.localdate(), hours=Decimal("3"), activity="送餐"
    )
    index = staff_client.get(reverse("volunteers_importbatch:index")).content.decode()
    undo_url = reverse("volunteers_tools:undo_import", args=[batch.pk])
    assert undo_url in index

    html = staff_client.get(undo_url).content.decode()
    assert "确认撤销这一批" in html and "巡逻第0次" in html
    assert ServiceRecord.objects.count() == 41  # the confirmation page changes nothing

    response = staff_client.post(undo_url, follow=True)
    assert f"已撤销第 {batch.pk} 批" in response.content.decode()
    assert list(ServiceRecord.objects.all()) == [kept]
    assert not PointsTransaction.objects.filter(reason="service", volunteer__number__in=["ZY001", "ZY002"])
    batch.refresh_from_db()
    assert batch.undone_at is not None and batch.undone_by == staff_user
    entry = ModelLogEntry.objects.get(action="volunteers.import_undone")
    assert entry.user == staff_user and entry.object_id == str(batch.pk)
    assert entry.data["records"] == 40 and entry.data["hours"] == "60.0"
    assert ModelLogEntry.objects.filter(action="volunteers.import").count() == 1

    # A second click refuses; the same file may now be imported again.
    response = staff_client.post(undo_url, follow=True)
    assert "撤销过了" in response.content.decode()
    upload(staff_client, site, csv_bytes())
    confirm(staff_client)
    assert ServiceRecord.objects.count() == 41


def test_undo_is_refused_after_seven_days(staff_client, batch):
    ImportBatch.objects.filter(pk=batch.pk).update(
        imported_at=timezone.now() - datetime.timedelta(days=7, hours=1)
    )
    undo_url = reverse("volunteers_tools:undo_import", args=[batch.pk])
    html = staff_client.get(undo_url).content.decode()
    assert "已超过 7 天" in html and "确认撤销" not in html
    assert "已过撤销期限" in staff_client.get(reverse("volunteers_importbatch:index")).content.decode()
    response = staff_client.post(undo_url, follow=True)
    assert "已超过 7 天" in response.content.decode()
    assert ServiceRecord.objects.count() == 40
    assert ImportBatch.objects.get().undone_at is None


def test_undo_is_refused_when_a_period_published_since_froze_the_hours(staff_client, batch, site):
    today = timezone.localdate()
    period = CommendationPeriodFactory(
        title="2026年上半年", start_date=today - datetime.timedelta(days=60), end_date=today
    )
    period.publish()
    html = staff_client.get(reverse("volunteers_tools:undo_import", args=[batch.pk])).content.decode()
    assert "已计入已发布的评星表彰期“2026年上半年”" in html
    staff_client.post(reverse("volunteers_tools:undo_import", args=[batch.pk]))
    assert ServiceRecord.objects.count() == 40


def test_undo_is_allowed_when_the_period_was_published_before_the_import(staff_client, people, site):
    today = timezone.localdate()
    period = CommendationPeriodFactory(
        title="2026年上半年", start_date=today - datetime.timedelta(days=60), end_date=today
    )
    period.publish()  # froze nothing of the file imported below
    upload(staff_client, site, csv_bytes())
    confirm(staff_client)
    batch = ImportBatch.objects.get()
    staff_client.post(reverse("volunteers_tools:undo_import", args=[batch.pk]))
    assert not ServiceRecord.objects.exists()


def test_undo_is_refused_when_the_points_were_spent(staff_client, batch, people):
    earned = PointsTransaction.objects.filter(volunteer=people[0]).first().points * 20
    PointsTransactionFactory(volunteer=people[0], points=-earned, reason="exchange")
    html = staff_client.get(reverse("volunteers_tools:undo_import", args=[batch.pk])).content.decode()
    assert "积分已经兑换" in html and "ZY001 张秀英" in html
    staff_client.post(reverse("volunteers_tools:undo_import", args=[batch.pk]))
    assert ServiceRecord.objects.count() == 40


@pytest.mark.parametrize("role", [roles.RESIDENT_EDITORS, roles.COMMITTEE, roles.EDITOR_IN_CHIEF])
def test_only_staff_undo(client, make_user, password, batch, role):
    client.login(username=make_user(role).username, password=password)
    url = reverse("volunteers_tools:undo_import", args=[batch.pk])
    assert client.get(url).status_code in (302, 403)
    assert client.post(url).status_code in (302, 403)
    assert client.get(reverse("volunteers_importbatch:index")).status_code in (302, 403)
    assert ServiceRecord.objects.count() == 40


def test_nobody_adds_or_edits_batches_by_hand(client, admin_user_role, password, batch):
    client.login(username=admin_user_role.username, password=password)
    assert client.get(reverse("volunteers_importbatch:index")).status_code == 200
    assert client.get(reverse("volunteers_importbatch:inspect", args=[batch.pk])).status_code == 200
    for url in (
        reverse("volunteers_importbatch:add"),
        reverse("volunteers_importbatch:edit", args=[batch.pk]),
        reverse("volunteers_importbatch:delete", args=[batch.pk]),
    ):
        assert client.get(url).status_code in (302, 403), url
    assert ImportBatch.objects.count() == 1


def test_import_result_names_its_batch(people, site):
    result = import_file(BytesIO(csv_bytes(2)), "two.csv", site)
    assert result.batch.row_count == 2
    with pytest.raises(SpreadsheetError, match="已经导入过"):
        import_file(BytesIO(csv_bytes(2)), "two.csv", site)
