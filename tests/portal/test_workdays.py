"""The working-day clock: the State Council's schedule from chinese_calendar (春节 and 国庆 2026
with their swapped working days), the override table for a year the package does not know (2027),
and the dashboard warning when next year's holidays are missing."""

import datetime

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from portal import roles, workdays
from portal.models import WorkdayOverride

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def fresh_clock():
    workdays.clear_cache()
    yield
    workdays.clear_cache()


def test_spring_festival_2026_and_its_swapped_saturdays():
    assert workdays.is_working_day(D(2026, 2, 14))  # Saturday, 调休上班
    assert not workdays.is_working_day(D(2026, 2, 16))  # Monday in the holiday
    assert not workdays.is_working_day(D(2026, 2, 23))
    assert workdays.is_working_day(D(2026, 2, 28))  # Saturday, 调休上班
    # Friday 13 Feb + 1 working day = Saturday 14 Feb (调休); + 2 jumps the whole holiday to 24 Feb.
    assert workdays.add_working_days(D(2026, 2, 13), 1) == D(2026, 2, 14)
    assert workdays.add_working_days(D(2026, 2, 13), 2) == D(2026, 2, 24)
    # A report on 12 Feb answered within 10 working days: 13, 14, 24, 25, 26, 27, 28 Feb, 2, 3, 4 Mar.
    assert workdays.add_working_days(D(2026, 2, 12), 10) == D(2026, 3, 4)
    assert workdays.working_days_between(D(2026, 2, 12), D(2026, 3, 4)) == 10
    assert workdays.working_days_between(D(2026, 2, 14), D(2026, 2, 23)) == 0


def test_national_day_2026_with_the_sunday_and_saturday_worked():
    assert workdays.is_working_day(D(2026, 9, 20))  # Sunday, 调休上班
    assert not workdays.is_working_day(D(2026, 10, 1))
    assert not workdays.is_working_day(D(2026, 10, 7))
    assert workdays.is_working_day(D(2026, 10, 10))  # Saturday, 调休上班
    # An enquiry on 30 Sep (3 working days): 8, 9, 10 Oct.
    assert workdays.add_working_days(D(2026, 9, 30), 3) == D(2026, 10, 10)
    assert workdays.working_days_between(D(2026, 9, 18), D(2026, 9, 21)) == 2  # 20 (Sun) and 21


def test_a_year_the_package_does_not_know_counts_weekdays_until_overrides_are_entered():
    assert not workdays.year_known(2027)
    # 2027-02-05 is a Friday: weekends only.
    assert workdays.add_working_days(D(2027, 2, 5), 3) == D(2027, 2, 10)
    WorkdayOverride.objects.bulk_create(
        [WorkdayOverride(date=D(2027, 2, d), name="春节") for d in range(6, 14)]
        + [WorkdayOverride(date=D(2027, 2, 14), is_working_day=True, name="调休上班")]
    )
    workdays.clear_cache()  # bulk_create sends no signals; a new request would start afresh
    assert workdays.year_known(2027)
    assert not workdays.is_working_day(D(2027, 2, 8))  # a Monday in the holiday
    assert workdays.is_working_day(D(2027, 2, 14))  # a Sunday worked
    assert workdays.add_working_days(D(2027, 2, 5), 3) == D(2027, 2, 16)
    assert workdays.working_days_between(D(2027, 2, 5), D(2027, 2, 16)) == 3
    assert workdays.known_through() == D(2027, 12, 31)


def test_an_override_wins_over_the_package():
    assert not workdays.is_working_day(D(2026, 10, 2))
    WorkdayOverride.objects.create(date=D(2026, 10, 2), is_working_day=True, name="社区值班")
    assert workdays.is_working_day(D(2026, 10, 2))


def test_the_years_table_is_read_once_not_per_date(django_assert_num_queries):
    with django_assert_num_queries(1):
        workdays.add_working_days(D(2026, 1, 5), 200)
    with django_assert_num_queries(0):
        workdays.working_days_between(D(2026, 1, 5), D(2026, 12, 1))


def test_missing_year_warns_within_60_days_of_an_unknown_year():
    assert workdays.missing_year(D(2026, 10, 1)) is None
    assert workdays.missing_year(D(2026, 11, 2)) == 2027
    assert workdays.missing_year(D(2027, 3, 1)) == 2027
    WorkdayOverride.objects.create(date=D(2027, 1, 1), name="元旦")
    assert workdays.missing_year(D(2026, 12, 1)) is None


@pytest.fixture
def late_in_2026(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D(2026, 11, 30))


def test_the_dashboard_warns_staff_of_the_missing_year(client, make_user, late_in_2026):
    client.force_login(make_user(roles.COMMUNITY_STAFF))
    assert "尚未录入2027年法定节假日" in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(make_user(roles.RESIDENT_EDITORS))
    assert "尚未录入" not in client.get(reverse("wagtailadmin_home")).content.decode()
    WorkdayOverride.objects.create(date=D(2027, 1, 1), name="元旦")
    client.force_login(make_user(roles.COMMUNITY_STAFF, username="staff-b"))
    assert "尚未录入" not in client.get(reverse("wagtailadmin_home")).content.decode()


@pytest.mark.parametrize("role", [roles.COMMUNITY_STAFF, roles.SITE_ADMINS])
def test_staff_and_site_admins_enter_holidays_and_the_change_is_logged(client, make_user, role):
    user = make_user(role)
    client.force_login(user)
    response = client.post(
        reverse("portal_workdays:add"), {"date": "2027-10-01", "is_working_day": "", "name": "国庆节"}
    )
    assert response.status_code == 302
    entry = WorkdayOverride.objects.get(date=D(2027, 10, 1))
    assert not workdays.is_working_day(D(2027, 10, 1))
    log = ModelLogEntry.objects.get(action="wagtail.create", object_id=str(entry.pk))
    assert log.user == user
    response = client.post(
        reverse("portal_workdays:add"), {"date": "2027-10-01", "is_working_day": "on", "name": "重复"}
    )
    assert response.status_code == 200 and WorkdayOverride.objects.count() == 1


@pytest.mark.parametrize("role", [roles.RESIDENT_EDITORS, roles.EDITOR_IN_CHIEF, roles.COMMITTEE])
def test_other_roles_cannot_change_the_holidays(client, make_user, role):
    client.force_login(make_user(role))
    response = client.post(reverse("portal_workdays:add"), {"date": "2027-10-01", "name": "国庆节"})
    assert response.status_code in (302, 403)
    assert not WorkdayOverride.objects.exists()
