"""The working-day clock every app shares: Chinese public holidays and swapped working days (调休)
from `chinese_calendar`, overridden by the `WorkdayOverride` table staff edit in the admin.

For a year the package does not know and the table leaves empty, Saturdays and Sundays are the
only rest days (and the dashboard warns, see `missing_year`). Each year's overrides are read once
per request cycle (one query per year, never one per date)."""

import datetime

import chinese_calendar
from chinese_calendar import constants

# {year: {date: is working day}} of the override table; cleared when a request starts and when
# an override is saved or deleted.
_overrides = {}
WARN_DAYS = 60


def clear_cache(**kwargs):
    _overrides.clear()


def _year_overrides(year):
    if year not in _overrides:
        from .models import WorkdayOverride

        _overrides[year] = dict(
            WorkdayOverride.objects.filter(date__year=year).values_list("date", "is_working_day")
        )
    return _overrides[year]


def package_years():
    """The first and last year `chinese_calendar` has the State Council's schedule for."""
    years = [d.year for d in constants.holidays]
    return min(years), max(years)


def year_known(year):
    """Does the package or the override table hold this year's schedule?"""
    first, last = package_years()
    return first <= year <= last or bool(_year_overrides(year))


def is_working_day(day):
    table = _year_overrides(day.year)
    if day in table:
        return table[day]
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(start, n):
    """The n-th working day after `start` (`start` itself not counted); `start` for n = 0."""
    day, counted = start, 0
    while counted < n:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            counted += 1
    return day


def working_days_between(a, b):
    """Working days after `a` up to and including `b` (0 when `b` is not after `a`)."""
    count, day = 0, a
    while day < b:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count


def known_through():
    """The last date whose working days are known (package or override table)."""
    from .models import WorkdayOverride

    last = package_years()[1]
    latest = WorkdayOverride.objects.order_by("-date").values_list("date", flat=True).first()
    if latest is not None:
        last = max(last, latest.year)
    return datetime.date(last, 12, 31)


def missing_year(today):
    """The year whose holidays staff must enter now: this year if unknown, or the next once it
    is within WARN_DAYS days and unknown; else None."""
    if not year_known(today.year):
        return today.year
    following = today.year + 1
    if (datetime.date(following, 1, 1) - today).days <= WARN_DAYS and not year_known(following):
        return following
    return None


def next_midnight(now):
    """The midnight that ends `now`'s day, in `now`'s time zone."""
    return datetime.datetime.combine(
        now.date() + datetime.timedelta(days=1), datetime.time(), tzinfo=now.tzinfo
    )
