"""Models by concern: records (people, hours, points), imports, settings, periods, pages, role models."""

from .imports import ImportBatch
from .pages import VolunteerBoardPage
from .periods import CommendationEntry, CommendationPeriod
from .records import PointsTransaction, ServiceRecord, Volunteer, VolunteerTeam
from .role_models import RoleModelHonour, RoleModelIndexPage, RoleModelPage
from .settings import VolunteerSettings

__all__ = [
    "CommendationEntry",
    "CommendationPeriod",
    "ImportBatch",
    "PointsTransaction",
    "RoleModelHonour",
    "RoleModelIndexPage",
    "RoleModelPage",
    "ServiceRecord",
    "Volunteer",
    "VolunteerBoardPage",
    "VolunteerSettings",
    "VolunteerTeam",
]
