"""The hours, points and star levels stored on volunteers and teams stay equal to the records on
every write path: the admin, the spreadsheet import and its undo, the command line, settings,
deletes and cascades; and no stale figure reaches a public page."""

import datetime
import importlib
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from portal.models import CommunitySettings
from tests.rendering import shared_cache_entries
from volunteers import stats
from volunteers.factories import (
    PointsTransactionFactory,
    ServiceRecordFactory,
    VolunteerFactory,
    VolunteerTeamFactory,
)
from volunteers.models import ImportBatch, PointsTransaction, ServiceRecord, Volunteer, VolunteerTeam
from volunteers.spreadsheet import COLUMNS

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client, staff_user, password):
    client.login(username=staff_user.username, password=password)
    return client


def day(days_ago=3):
    return (timezone.localdate() - datetime.timedelta(days=days_ago)).isoformat()


def figures(volunteer):
    v = Volunteer.objects.get(pk=volunteer.pk)
    return v.total_hours, v.hours_in(timezone.localdate().year), v.points_balance, v.star_level


def team_figures(team):
    t = VolunteerTeam.objects.get(pk=team.pk)
    return t.verified_hours, t.verified_records


def record_form(volunteer, hours, team=None, verify=True, date=None):
    data = {
        "volunteer": volunteer.pk,
        "date": date or day(),
        "hours": str(hours),
        "activity": "楼道清扫",
        "team": team.pk if team else "",
    }
    if verify:
        data["verify"] = "on"
    return data


def test_admin_add_edit_unverify_and_delete_keep_the_figures(staff_client, site):
    volunteer = VolunteerFactory()
    team = VolunteerTeamFactory()
    for _ in range(4):
        ServiceRecordFactory(volunteer=volunteer, team=team, hours=Decimal("24"))  # 96 h
    assert figures(volunteer) == (Decimal("96.0"), Decimal("96.0"), Decimal("48.00"), 0)

    add = reverse("volunteers_servicerecord:add")
    assert staff_client.post(add, record_form(volunteer, "4", team)).status_code == 302
    assert figures(volunteer) == (Decimal("100.0"), Decimal("100.0"), Decimal("50.00"), 1)
    assert team_figures(team) == (Decimal("100.0"), 5)

    record = ServiceRecord.objects.latest("pk")
    edit = reverse("volunteers_servicerecord:edit", args=[record.pk])
    assert staff_client.post(edit, record_form(volunteer, "3.5", team)).status_code == 302
    assert figures(volunteer) == (Decimal("99.5"), Decimal("99.5"), Decimal("49.75"), 0)

    # Unticking 已核实: the hours count for nothing, the points go.
    assert staff_client.post(edit, record_form(volunteer, "3.5", team, verify=False)).status_code == 302
    assert figures(volunteer) == (Decimal("96.0"), Decimal("96.0"), Decimal("48.00"), 0)
    assert team_figures(team) == (Decimal("96.0"), 4)
    assert staff_client.post(edit, record_form(volunteer, "4", team)).status_code == 302
    assert figures(volunteer)[3] == 1

    delete = reverse("volunteers_servicerecord:delete", args=[record.pk])
    assert staff_client.post(delete).status_code == 302
    assert figures(volunteer) == (Decimal("96.0"), Decimal("96.0"), Decimal("48.00"), 0)
    assert team_figures(team) == (Decimal("96.0"), 4)
    assert stats.drift(site) == []


def test_a_record_moved_to_another_volunteer_and_team_is_taken_off_the_first(staff_client, site):
    first, second = VolunteerFactory(), VolunteerFactory()
    team_a, team_b = VolunteerTeamFactory(name="甲队"), VolunteerTeamFactory(name="乙队")
    record = ServiceRecordFactory(volunteer=first, team=team_a, hours=Decimal("6"))
    edit = reverse("volunteers_servicerecord:edit", args=[record.pk])
    assert staff_client.post(edit, record_form(second, "6", team_b)).status_code == 302
    assert figures(first) == (0, 0, 0, 0)
    assert figures(second) == (Decimal("6.0"), Decimal("6.0"), Decimal("3.00"), 0)
    assert team_figures(team_a) == (0, 0)
    assert team_figures(team_b) == (Decimal("6.0"), 1)


def test_points_added_and_deleted_in_the_admin_change_the_balance(staff_client, site):
    volunteer = VolunteerFactory()
    ServiceRecordFactory(volunteer=volunteer, hours=Decimal("10"))  # 5 points
    data = {"volunteer": volunteer.pk, "date": day(1), "points": "10", "reason": "commendation", "note": ""}
    assert staff_client.post(reverse("volunteers_pointstransaction:add"), data).status_code == 302
    assert figures(volunteer)[2] == Decimal("15.00")
    award = PointsTransaction.objects.get(reason="commendation")
    assert (
        staff_client.post(reverse("volunteers_pointstransaction:delete", args=[award.pk])).status_code == 302
    )
    assert figures(volunteer)[2] == Decimal("5.00")


def test_new_thresholds_in_the_settings_restar_the_sites_volunteers(staff_client, site):
    volunteer = VolunteerFactory()
    ServiceRecordFactory(volunteer=volunteer, hours=Decimal("20"))
    assert figures(volunteer)[3] == 0
    url = reverse("wagtailsettings:edit", args=["volunteers", "volunteersettings", site.pk])
    data = {
        "star_1_hours": 10,
        "star_2_hours": 20,
        "star_3_hours": 30,
        "star_4_hours": 40,
        "star_5_hours": 50,
        "points_per_hour": "0.5",
    }
    assert staff_client.post(url, data).status_code == 302
    assert figures(volunteer)[3] == 2


def test_the_spreadsheet_import_and_its_undo_keep_the_figures(staff_client, site):
    volunteer = VolunteerFactory(number="ZY001", real_name="张秀英")
    team = VolunteerTeamFactory(name="邻里守望服务队")
    lines = [",".join(COLUMNS)] + [f"ZY001,张秀英,{day()},2.5,巡逻第{i}次,邻里守望服务队" for i in range(4)]
    upload = SimpleUploadedFile("hours.csv", ("\n".join(lines) + "\n").encode(), content_type="text/csv")
    url = reverse("volunteers_tools:import")
    staff_client.post(url, {"action": "check", "site": site.pk, "file": upload})
    assert staff_client.post(url, {"action": "confirm"}).status_code == 302
    assert figures(volunteer) == (Decimal("10.0"), Decimal("10.0"), Decimal("5.00"), 0)
    assert team_figures(team) == (Decimal("10.0"), 4)

    batch = ImportBatch.objects.get()
    staff_client.post(reverse("volunteers_tools:undo_import", args=[batch.pk]))
    assert figures(volunteer) == (0, 0, 0, 0)
    assert team_figures(team) == (0, 0)


def test_the_import_command_keeps_the_figures(tmp_path, site):
    volunteer = VolunteerFactory(number="ZY001", real_name="张秀英")
    path = tmp_path / "hours.csv"
    path.write_text("\n".join([",".join(COLUMNS), f"ZY001,张秀英,{day()},3,义务理发,"]) + "\n")
    call_command("import_service_hours", str(path), stdout=StringIO())
    assert figures(volunteer) == (Decimal("3.0"), Decimal("3.0"), Decimal("1.50"), 0)


def test_deleting_a_volunteer_or_a_team_leaves_the_rest_right(site):
    volunteer, other = VolunteerFactory(), VolunteerFactory()
    team = VolunteerTeamFactory()
    ServiceRecordFactory(volunteer=volunteer, team=team, hours=Decimal("5"))
    ServiceRecordFactory(volunteer=other, team=team, hours=Decimal("7"))
    volunteer.delete()
    assert team_figures(team) == (Decimal("7.0"), 1)
    team.delete()
    assert figures(other) == (Decimal("7.0"), Decimal("7.0"), Decimal("3.50"), 0)
    assert stats.drift(site) == []


def test_a_batch_of_writes_is_recomputed_once(site, django_assert_max_num_queries):
    volunteer = VolunteerFactory()
    records = [ServiceRecordFactory(volunteer=volunteer, hours=Decimal("1")) for _ in range(10)]
    with stats.deferred():
        for record in records:
            record.delete()
        assert figures(volunteer)[0] == Decimal("10.0")  # not yet: at the end of the block
    assert figures(volunteer) == (0, 0, 0, 0)


def test_float_sums_do_not_miss_a_star(site):
    """SQLite sums decimals as floats: ten records of 0.1 h are 1 hour, not 0.9999."""
    from volunteers.models import VolunteerSettings

    rules = VolunteerSettings.for_site(site)
    rules.star_1_hours, rules.star_2_hours, rules.star_3_hours = 1, 2, 3
    rules.star_4_hours, rules.star_5_hours = 4, 5
    rules.save()
    volunteer = VolunteerFactory()
    for _ in range(10):
        ServiceRecordFactory(volunteer=volunteer, hours=Decimal("0.1"))
    assert figures(volunteer)[0] == Decimal("1.0")
    assert figures(volunteer)[3] == 1


def test_last_years_hours_are_not_this_years(client, site, board):
    volunteer = VolunteerFactory(
        real_name="欧阳春", publish_consent=True, consent_date=datetime.date(2024, 1, 1)
    )
    ServiceRecordFactory(volunteer=volunteer, hours=Decimal("8"))
    # As if the figures were last stored in December and nothing was written since.
    Volunteer.objects.filter(pk=volunteer.pk).update(hours_year=timezone.localdate().year - 1)
    html = client.get("/volunteers/").content.decode()
    assert "欧阳春" not in html  # this year's ranking
    assert "欧阳春" in client.get("/volunteers/?scope=all").content.decode()
    profile = client.get(f"/volunteers/v/{volunteer.public_id}/").content.decode()
    assert f'{timezone.localdate().year} 年服务</dt><dd><span class="nowrap">0 小时' in profile


def test_drift_is_reported_and_fixed_by_the_command(site):
    volunteer = VolunteerFactory(number="ZY042")
    team = VolunteerTeamFactory()
    ServiceRecordFactory(volunteer=volunteer, team=team, hours=Decimal("5"))
    call_command("check_volunteer_stats", stdout=StringIO())  # all right: no error
    # A write that bypasses the model (raw SQL, a bulk load) leaves the stored figures behind.
    ServiceRecord.objects.filter(volunteer=volunteer).update(hours=Decimal("9"))
    out = StringIO()
    with pytest.raises(CommandError, match="1 个站点的存储值与服务记录不一致"):
        call_command("check_volunteer_stats", stdout=out)
    assert "ZY042" in out.getvalue() and "total_hours 存储为 5.0，实际为 9.0" in out.getvalue()
    call_command("check_volunteer_stats", "--fix", stdout=StringIO())
    assert figures(volunteer)[0] == Decimal("9.0")
    assert team_figures(team) == (Decimal("9.0"), 1)
    assert stats.drift() == []


def test_the_migration_fills_the_figures_for_existing_data(site):
    volunteer = VolunteerFactory()
    team = VolunteerTeamFactory()
    ServiceRecordFactory(volunteer=volunteer, team=team, hours=Decimal("24"))
    ServiceRecordFactory(volunteer=volunteer, team=team, hours=Decimal("24"), verified_at=None)
    PointsTransactionFactory(volunteer=volunteer, points=Decimal("3"), reason="commendation")
    Volunteer.objects.update(total_hours=0, year_hours=0, hours_year=None, points_balance=0, star_level=0)
    VolunteerTeam.objects.update(verified_hours=0, verified_records=0)
    migration = importlib.import_module("volunteers.migrations.0008_stored_stats")
    migration.fill(apps, None)
    assert figures(volunteer) == (Decimal("24.0"), Decimal("24.0"), Decimal("15.00"), 0)
    assert team_figures(team) == (Decimal("24.0"), 1)
    assert stats.drift() == []


def test_no_stale_figure_reaches_a_public_page(client, staff_client, site, board, home_page):
    """Pages are cached and memoised; a record added in the admin shows at once everywhere."""
    from django.test import Client

    volunteer = VolunteerFactory(
        real_name="司马秀英", publish_consent=True, consent_date=datetime.date(2024, 1, 1)
    )
    team = VolunteerTeamFactory(name="和事佬调解队")
    volunteer.teams.add(team)
    ServiceRecordFactory(volunteer=volunteer, team=team, hours=Decimal("24"))
    CommunitySettings.for_site(site)  # otherwise created by the first view: a write of its own
    visitor = Client()
    urls = ["/", "/volunteers/", "/volunteers/?scope=all", f"/volunteers/team/{team.pk}/"]
    urls.append(f"/volunteers/v/{volunteer.public_id}/")
    for url in urls:
        assert "24 小时" in visitor.get(url).content.decode(), url
    # A first view may create a site's settings row (a write that empties its cache): view again.
    for url in urls:
        visitor.get(url)
    for url in urls:
        assert visitor.get(url)["X-Page-Cache"] == "hit", url

    add = reverse("volunteers_servicerecord:add")
    assert staff_client.post(add, record_form(volunteer, "6.5", team)).status_code == 302
    for url in urls:
        html = visitor.get(url).content.decode()
        assert "30.5 小时" in html and "24 小时" not in html.replace("24 小时制", ""), url


def test_no_phone_id_number_or_address_is_kept_in_the_shared_cache(client, site, board, role_index):
    """Memoised teams, leaders and role models carry names and consent, never private fields."""
    from django.core.cache import cache

    from tests.volunteers.test_role_models import make

    if not hasattr(cache, "_cache"):
        pytest.skip("reads the local-memory cache's entries")
    private = {"phone": "13912345678", "id_number": "370102199001011234", "address": "历山名郡7号楼"}
    leader = VolunteerFactory(**private, publish_consent=True, consent_date=datetime.date(2024, 1, 1))
    team = VolunteerTeamFactory(leader=leader)
    leader.teams.add(team)
    ServiceRecordFactory(volunteer=leader, team=team, hours=Decimal("5"))
    page = make(
        role_index,
        leader.real_name,
        ("公益之星", 2024),
        publish_consent=True,
        consent_date=datetime.date(2024, 1, 1),
    )
    page.volunteer = leader
    page.save_revision().publish()
    CommunitySettings.for_site(site)
    for url in ["/", "/volunteers/", f"/volunteers/team/{team.pk}/", f"/volunteers/v/{leader.public_id}/"]:
        assert client.get(url).status_code == 200
    assert client.get(role_index.url).status_code == 200
    assert client.get(page.url).status_code == 200
    entries = shared_cache_entries()
    assert any(":teams" in key for key in entries)  # the memos are there
    assert any(f"role-model:{page.pk}" in key for key in entries)
    kept = b"".join(entries.values())
    assert leader.masked_name.encode() in kept
    for value in private.values():
        assert value.encode() not in kept, value


def test_a_record_is_never_saved_without_its_points_and_totals(site, monkeypatch):
    volunteer = VolunteerFactory(site=site)

    def fail(*args, **kwargs):
        raise RuntimeError("积分写入失败")

    monkeypatch.setattr("volunteers.models.records.sync_service_points", fail)
    with pytest.raises(RuntimeError):
        ServiceRecordFactory(volunteer=volunteer, hours=Decimal("3.0"))
    assert not ServiceRecord.objects.filter(volunteer=volunteer).exists()
    volunteer.refresh_from_db()
    assert volunteer.total_hours == 0
