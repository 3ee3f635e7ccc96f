"""Models by concern: records (people, hours, points), settings, periods, pages, role models."""

from .pages import VolunteerBoardPage
from .periods import CommendationEntry, CommendationPeriod
from .records import PointsTransaction, ServiceRecord, Volunteer, VolunteerTeam
from .role_models import RoleModelHonour, RoleModelIndexPage, RoleModelPage
from .settings import VolunteerSettings

__all__ = [
    "CommendationEntry",
    "CommendationPeriod",
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
