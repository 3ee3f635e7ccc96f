"""Factories for reports, filed the way residents and staff file them (handling.file_feedback)."""

import datetime

from django.utils import timezone
from wagtail.models import Site

from . import handling
from .models.items import REPORT

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def at(day, hour=10):
    """A moment on `day` (Asia/Shanghai)."""
    return datetime.datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI)


def file(text="3号楼北侧路灯不亮，晚上出行不便。", kind=REPORT, site=None, when=None, **kwargs):
    """(report, code): filed on `when` (a date or datetime; default now) in `site` (default)."""
    site = site or Site.objects.get(is_default_site=True)
    if isinstance(when, datetime.date) and not isinstance(when, datetime.datetime):
        when = at(when)
    return handling.file_feedback(site, kind, text, when=when or timezone.now(), **kwargs)
