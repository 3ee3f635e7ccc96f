"""Stored figures: each volunteer's verified hours (in all and this year), points balance and star
level, and each team's verified hours and records, kept on their rows so that public pages never
sum the records per request.

Every write that changes them calls `changed()` (ServiceRecord.save, the signals in apps.py, the
spreadsheet import, undoing an import, the star thresholds). Each recompute is a few UPDATEs with
correlated subqueries, so the stored values are always the sums, never increments that could
drift; `drift()` (manage.py check_volunteer_stats) proves it.
"""

import threading
from contextlib import contextmanager
from decimal import Decimal

from django.db.models import Count, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Round
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from portal.page_cache.purge import purge

from .models.records import (
    HOURS_FIELD,
    ZERO,
    PointsTransaction,
    ServiceRecord,
    Volunteer,
    VolunteerTeam,
    hours_subquery,
    points_subquery,
    star_level_expression,
)
from .models.settings import DEFAULT_THRESHOLDS, VolunteerSettings

_state = threading.local()


@contextmanager
def deferred():
    """Collect changes and recompute once at the end (a batch of records, a cascade)."""
    if getattr(_state, "pending", None) is not None:
        yield
        return
    _state.pending = pending = {"volunteers": set(), "teams": set()}
    try:
        yield
    finally:
        _state.pending = None
    # Reached only without an exception: a failed write is rolled back by its transaction.
    recompute(pending["volunteers"], pending["teams"])


def changed(volunteers=(), teams=()):
    """These volunteers' and teams' records or points were written: recompute them (at the end
    of the surrounding `deferred()` block, if any)."""
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending["volunteers"].update(volunteers)
        pending["teams"].update(teams)
        return
    recompute(volunteers, teams)


def recompute(volunteer_ids=(), team_ids=()):
    volunteer_ids = {pk for pk in volunteer_ids if pk is not None}
    team_ids = {pk for pk in team_ids if pk is not None}
    site_ids = set()
    if volunteer_ids:
        site_ids |= _recompute_volunteers(Volunteer.objects.filter(pk__in=volunteer_ids))
    if team_ids:
        teams = VolunteerTeam.objects.filter(pk__in=team_ids)
        _recompute_teams(teams)
        site_ids |= set(teams.values_list("site_id", flat=True))
    # QuerySet.update() sends no signal: drop the sites' cached pages and memos here.
    if site_ids:
        purge(site_ids)


def recompute_site(site):
    """Every volunteer and team of `site` (the migration, bulk loads, the drift check's --fix)."""
    _recompute_volunteers(Volunteer.objects.filter(site=site))
    _recompute_teams(VolunteerTeam.objects.filter(site=site))
    purge({site.pk})


def restar_site(site_id, thresholds):
    """New star thresholds: one UPDATE for the site's volunteers."""
    Volunteer.objects.filter(site_id=site_id).update(star_level=star_level_expression(thresholds))
    purge({site_id})


def _thresholds(site_id):
    rules = VolunteerSettings.objects.filter(site_id=site_id).first()
    return rules.thresholds if rules else DEFAULT_THRESHOLDS


def _recompute_volunteers(volunteers):
    """Returns the ids of the sites touched."""
    year = timezone.localdate().year
    # Rounded: SQLite sums decimals as floats, and 99.99999 hours must not miss the 100-hour star.
    volunteers.update(
        total_hours=Round(hours_subquery(), 1),
        year_hours=Round(hours_subquery(Q(date__year=year)), 1),
        hours_year=year,
        points_balance=Round(points_subquery(), 2),
    )
    site_ids = set(volunteers.order_by().values_list("site_id", flat=True).distinct())
    for site_id in site_ids:
        volunteers.filter(site_id=site_id).update(star_level=star_level_expression(_thresholds(site_id)))
    return site_ids


def _recompute_teams(teams):
    verified = ServiceRecord.objects.filter(team=OuterRef("pk"), verified_at__isnull=False).order_by()
    hours = verified.values("team").annotate(total=Sum("hours")).values("total")
    count = verified.values("team").annotate(n=Count("pk")).values("n")
    teams.update(
        verified_hours=Round(Coalesce(Subquery(hours, output_field=HOURS_FIELD.clone()), Value(ZERO)), 1),
        verified_records=Coalesce(Subquery(count), Value(0)),
    )


def _tenths(value):
    # SQLite sums decimals as floats: compare at the precision the field stores.
    return Decimal(value).quantize(Decimal("0.1"))


def _cents(value):
    return Decimal(value).quantize(Decimal("0.01"))


def drift(site=None):
    """[(volunteer or team, field, stored, actual)] wherever a stored figure is not the sum."""
    year = timezone.localdate().year
    volunteers = Volunteer.objects.all() if site is None else Volunteer.objects.filter(site=site)
    found = []
    rules_by_site = {}
    for site_id in volunteers.order_by().values_list("site_id", flat=True).distinct():
        rules_by_site[site_id] = VolunteerSettings.objects.filter(site_id=site_id).first()
    for site_id, rules in rules_by_site.items():
        for v in volunteers.filter(site_id=site_id).with_live_stats(rules, year=year).iterator():
            pairs = [
                ("total_hours", v.total_hours, _tenths(v.live_total_hours)),
                ("year_hours", v.hours_in(year), _tenths(v.live_year_hours)),
                ("points_balance", v.points_balance, _cents(v.live_points_balance)),
                ("star_level", v.star_level, v.live_star_level),
            ]
            found += [(v, name, stored, actual) for name, stored, actual in pairs if stored != actual]
    teams = VolunteerTeam.objects.all() if site is None else VolunteerTeam.objects.filter(site=site)
    verified = Q(service_records__verified_at__isnull=False)
    for team in teams.annotate(
        live_hours=Coalesce(
            Sum("service_records__hours", filter=verified), Value(ZERO), output_field=HOURS_FIELD.clone()
        ),
        live_records=Count("service_records", filter=verified),
    ):
        if team.verified_hours != _tenths(team.live_hours):
            found.append((team, "verified_hours", team.verified_hours, _tenths(team.live_hours)))
        if team.verified_records != team.live_records:
            found.append((team, "verified_records", team.verified_records, team.live_records))
    return found


# ServiceRecord.save recomputes by itself, once its points are written; deletes (also by
# QuerySet.delete() and cascades) and points written by hand come through these signals.


def _record_deleted(sender, instance, **kwargs):
    changed(volunteers={instance.volunteer_id}, teams={instance.team_id})


def _points_written(sender, instance, raw=False, **kwargs):
    if not raw:
        changed(volunteers={instance.volunteer_id})


def connect():
    post_delete.connect(_record_deleted, sender=ServiceRecord, dispatch_uid="volunteers_record_deleted")
    post_save.connect(_points_written, sender=PointsTransaction, dispatch_uid="volunteers_points_saved")
    post_delete.connect(_points_written, sender=PointsTransaction, dispatch_uid="volunteers_points_deleted")
