"""The volunteer demo: realistic volumes and spread, fast, and idempotent."""

import time
from io import StringIO

import pytest
from django.db.models import Count, Sum

from portal.demo import volunteers as demo
from portal.factories import UserFactory
from volunteers.models import (
    CommendationPeriod,
    PointsTransaction,
    RoleModelHonour,
    RoleModelPage,
    ServiceRecord,
    Volunteer,
    VolunteerBoardPage,
    VolunteerTeam,
)
from volunteers.stats import drift

pytestmark = pytest.mark.django_db


class Ctx:
    def __init__(self, site, home):
        self.site, self.home = site, home
        self.users = {"staff1": UserFactory(username="staff1", roles=["社区工作人员"])}
        self.out = StringIO()

    def log(self, message):
        self.out.write(message + "\n")


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            VolunteerTeam,
            Volunteer,
            ServiceRecord,
            PointsTransaction,
            CommendationPeriod,
            RoleModelPage,
            RoleModelHonour,
        )
    }


def test_demo_volumes_spread_and_idempotence(site, home_page, client):
    ctx = Ctx(site, home_page)
    started = time.monotonic()
    demo.load(ctx)
    assert time.monotonic() - started < 30
    first = counts()
    demo.load(ctx)
    assert counts() == first

    assert first["VolunteerTeam"] >= 8
    assert first["Volunteer"] == 150
    verified = ServiceRecord.objects.filter(verified_at__isnull=False)
    assert verified.count() >= 5000
    dates = verified.order_by("date").values_list("date", flat=True)
    assert (dates.last() - dates.first()).days > 2 * 365
    assert first["RoleModelPage"] >= 16
    assert len(set(RoleModelHonour.objects.values_list("honour", flat=True))) >= 8
    assert RoleModelPage.objects.filter(portrait__isnull=False).count() == first["RoleModelPage"]

    levels = dict(
        Volunteer.objects.filter(site=site).order_by().values_list("star_level").annotate(n=Count("pk"))
    )
    assert 1 <= levels.get(5, 0) <= 6
    assert all(levels.get(level, 0) > 0 for level in range(0, 6))
    assert levels[0] + levels.get(1, 0) > levels.get(4, 0) + levels[5]

    exchanges = PointsTransaction.objects.filter(reason="exchange")
    assert exchanges.dates("date", "month").count() >= 24
    assert not Volunteer.objects.filter(points_balance__lt=0).exists()
    assert drift() == []  # the bulk-loaded figures were recomputed
    assert PointsTransaction.objects.filter(reason="service").aggregate(s=Sum("points"))["s"] > 0

    periods = CommendationPeriod.objects.filter(published_at__isnull=False)
    assert periods.count() == 2
    assert all(p.entries.filter(commended=True).exists() for p in periods)

    board = VolunteerBoardPage.objects.get()
    assert board.show_in_menus and board.live and board.get_parent().pk == home_page.pk
    assert client.get("/volunteers/").status_code == 200
    assert client.get("/volunteers/role-models/").status_code == 200
    assert "五星志愿者" in client.get("/volunteers/?scope=all").content.decode()
