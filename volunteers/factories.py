"""Factories for volunteer records and pages (tests and quick local data)."""

import datetime
from decimal import Decimal

import factory
import wagtail_factories
from django.utils import timezone
from wagtail.models import Site

from .models import (
    CommendationPeriod,
    PointsTransaction,
    RoleModelHonour,
    RoleModelIndexPage,
    RoleModelPage,
    ServiceRecord,
    Volunteer,
    VolunteerBoardPage,
    VolunteerTeam,
)


def default_site():
    return Site.objects.get(is_default_site=True)


class VolunteerTeamFactory(factory.django.DjangoModelFactory):
    site = factory.LazyFunction(default_site)
    name = factory.Sequence(lambda n: f"邻里守望服务队{n}")
    description = "每周巡访独居老人，帮忙买菜、代缴水电费。"

    class Meta:
        model = VolunteerTeam


SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = ["秀英", "桂芬", "建国", "志强", "玉兰", "德明", "小红", "海燕", "立平", "淑珍"]


class VolunteerFactory(factory.django.DjangoModelFactory):
    site = factory.LazyFunction(default_site)
    number = factory.Sequence(lambda n: f"ZY{n:05d}")
    real_name = factory.Sequence(lambda n: SURNAMES[n % len(SURNAMES)] + GIVEN[n % len(GIVEN)])
    phone = factory.Sequence(lambda n: f"1380531{n:04d}")
    id_number = factory.Sequence(lambda n: f"37010219600101{n:04d}")
    address = factory.Sequence(lambda n: f"历山名郡小区{n % 30 + 1}号楼{n % 6 + 1}单元")
    joined_on = datetime.date(2023, 3, 5)

    class Meta:
        model = Volunteer
        skip_postgeneration_save = True

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        if create and extracted:
            self.teams.add(*extracted)


class ServiceRecordFactory(factory.django.DjangoModelFactory):
    """A verified record unless verified_at=None is passed."""

    volunteer = factory.SubFactory(VolunteerFactory)
    date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=3))
    hours = Decimal("2.0")
    activity = factory.Sequence(lambda n: f"楼道清扫第{n}次")
    verified_at = factory.LazyFunction(timezone.now)

    class Meta:
        model = ServiceRecord


class PointsTransactionFactory(factory.django.DjangoModelFactory):
    volunteer = factory.SubFactory(VolunteerFactory)
    date = factory.LazyFunction(timezone.localdate)
    points = Decimal("5")
    reason = PointsTransaction.Reason.COMMENDATION

    class Meta:
        model = PointsTransaction


class CommendationPeriodFactory(factory.django.DjangoModelFactory):
    site = factory.LazyFunction(default_site)
    title = factory.Sequence(lambda n: f"{2020 + n}年下半年")
    start_date = factory.LazyFunction(lambda: timezone.localdate().replace(month=1, day=1))
    end_date = factory.LazyFunction(timezone.localdate)

    class Meta:
        model = CommendationPeriod


class VolunteerBoardPageFactory(wagtail_factories.PageFactory):
    title = "志愿服务星级榜"
    slug = "volunteers"

    class Meta:
        model = VolunteerBoardPage


class RoleModelIndexPageFactory(wagtail_factories.PageFactory):
    title = "身边的榜样"
    slug = "role-models"

    class Meta:
        model = RoleModelIndexPage


class RoleModelPageFactory(wagtail_factories.PageFactory):
    real_name = factory.Sequence(lambda n: SURNAMES[n % len(SURNAMES)] + "桂" + GIVEN[n % len(GIVEN)][-1])
    slug = factory.Sequence(lambda n: f"rm-{n}")
    title = "榜样"
    portrait = factory.SubFactory(wagtail_factories.ImageFactory, file__width=720, file__height=960)
    portrait_alt = "身穿红马甲的志愿者在社区广场上微笑"
    summary = "二十年如一日照顾孤寡老人。"

    class Meta:
        model = RoleModelPage


class RoleModelHonourFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(RoleModelPageFactory)
    honour = "中国好人"
    year = 2023
    awarding_body = "中央文明办"

    class Meta:
        model = RoleModelHonour
