"""Stars, hours and balances stored on each volunteer count verified records only."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from volunteers.factories import ServiceRecordFactory, VolunteerFactory
from volunteers.models import PointsTransaction, ServiceRecord, Volunteer, VolunteerSettings

pytestmark = pytest.mark.django_db


def stats(volunteer, rules=None, year=None):
    """The stored figures, as public pages read them (rules and year: see the callers)."""
    return Volunteer.objects.get(pk=volunteer.pk)


def log(volunteer, hours, days_ago=3, verified=True):
    return ServiceRecordFactory(
        volunteer=volunteer,
        hours=Decimal(hours),
        date=timezone.localdate() - datetime.timedelta(days=days_ago),
        verified_at=timezone.now() if verified else None,
    )


def test_star_thresholds_at_the_edges(site):
    rules = VolunteerSettings.for_site(site)
    below = VolunteerFactory()
    for _ in range(4):
        log(below, "24.0")
    log(below, "3.9")  # 99.9 h
    exact = VolunteerFactory()
    for _ in range(4):
        log(exact, "24.0")
    log(exact, "4.0")  # 100.0 h

    assert stats(below, rules).total_hours == Decimal("99.9")
    assert stats(below, rules).star_level == 0
    assert stats(exact, rules).total_hours == Decimal("100.0")
    assert stats(exact, rules).star_level == 1
    assert stats(exact, rules).star_words == "一星志愿者"


@pytest.mark.parametrize(
    ("hours", "level"),
    [(299.9, 1), (300, 2), (600, 3), (999.9, 3), (1000, 4), (1499.9, 4), (1500, 5), (5000, 5)],
)
def test_default_levels(site, hours, level):
    rules = VolunteerSettings.for_site(site)
    assert rules.thresholds == [100, 300, 600, 1000, 1500]
    volunteer = VolunteerFactory()
    remaining = Decimal(str(hours))
    while remaining > 0:
        chunk = min(remaining, Decimal("24"))
        log(volunteer, chunk)
        remaining -= chunk
    assert stats(volunteer, rules).star_level == level
    assert rules.level_for(Decimal(str(hours))) == level


def test_custom_thresholds(site):
    rules = VolunteerSettings.for_site(site)
    rules.star_1_hours, rules.star_2_hours = 10, 20
    rules.star_3_hours, rules.star_4_hours, rules.star_5_hours = 30, 40, 50
    rules.save()
    volunteer = VolunteerFactory()
    log(volunteer, "20.0")
    log(volunteer, "1.0")
    rules = VolunteerSettings.for_site(site)
    assert stats(volunteer, rules).star_level == 2
    live = Volunteer.objects.with_live_stats().get(pk=volunteer.pk)
    assert live.live_star_level == 0  # national defaults without site rules


def test_thresholds_must_increase(site):
    from django.core.exceptions import ValidationError

    rules = VolunteerSettings.for_site(site)
    rules.star_2_hours = 50
    with pytest.raises(ValidationError, match="逐级递增"):
        rules.full_clean()


def test_unverified_hours_count_for_nothing(site):
    volunteer = VolunteerFactory()
    log(volunteer, "24.0", verified=False)
    for _ in range(5):
        log(volunteer, "20.0", verified=False)
    log(volunteer, "2.5")
    annotated = stats(volunteer, VolunteerSettings.for_site(site), year=timezone.localdate().year)
    assert annotated.total_hours == Decimal("2.5")
    assert annotated.star_level == 0
    # Points come from verified hours only: 2.5 h × 0.5 = 1.25.
    assert annotated.points_balance == Decimal("1.25")


def test_verifying_a_record_later_earns_points_and_unverifying_removes_them(site):
    volunteer = VolunteerFactory()
    record = log(volunteer, "4.0", verified=False)
    assert stats(volunteer).points_balance == 0
    record.verified_at = timezone.now()
    record.save()
    assert stats(volunteer).points_balance == Decimal("2.00")
    record.verified_at = None
    record.save()
    assert stats(volunteer).points_balance == 0


def test_points_rate_from_settings(site):
    rules = VolunteerSettings.for_site(site)
    rules.points_per_hour = Decimal("1")
    rules.save()
    volunteer = VolunteerFactory()
    log(volunteer, "3.0")
    assert stats(volunteer).points_balance == Decimal("3.00")
    txn = PointsTransaction.objects.get(volunteer=volunteer)
    assert txn.reason == PointsTransaction.Reason.SERVICE


def test_year_hours_only_count_this_year(site):
    volunteer = VolunteerFactory()
    today = timezone.localdate()
    ServiceRecordFactory(volunteer=volunteer, hours=Decimal("5"), date=today.replace(year=today.year - 1))
    ServiceRecordFactory(volunteer=volunteer, hours=Decimal("2"), date=today)
    annotated = stats(volunteer, year=today.year)
    assert annotated.hours_in(today.year) == Decimal("2")
    assert annotated.hours_in(today.year - 1) == 0  # only this year's hours are stored
    assert annotated.total_hours == Decimal("7")


def test_the_stored_figures_are_read_in_one_query(site, django_assert_num_queries):
    for _ in range(5):
        volunteer = VolunteerFactory()
        log(volunteer, "2.0")
        log(volunteer, "3.0")
    with django_assert_num_queries(1):
        rows = list(Volunteer.objects.values_list("total_hours", "points_balance", "star_level"))
    assert rows == [(Decimal("5.0"), Decimal("2.50"), 0)] * 5
    assert ServiceRecord.objects.count() == 10
