"""The public-notice status of a notice (公示中 / 已结束 / 长期公开), in Asia/Shanghai days, or in
working days (portal.workdays) when the notice states its period in working days."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from portal.workdays import working_days_between


@dataclass(frozen=True)
class NoticeStatus:
    key: str  # "open", "upcoming", "ended", "permanent"
    label: str
    days_left: int | None = None

    @property
    def badge(self):
        return {"open": "badge--warn", "upcoming": "badge--ok"}.get(self.key, "badge--muted")


def notice_status(public_from, public_until, today=None, working_days=False):
    """Status for a period; days left count today, so the last day shows 剩1天. With
    `working_days` only working days are counted (today's too, if it is one)."""
    today = today or timezone.localdate()
    if not public_until:
        return NoticeStatus("permanent", "长期公开")
    if public_from and today < public_from:
        return NoticeStatus("upcoming", f"{public_from.month}月{public_from.day}日起公示")
    if today > public_until:
        return NoticeStatus("ended", "公示已结束")
    if working_days:
        days = working_days_between(today - datetime.timedelta(days=1), public_until)
        return NoticeStatus("open", f"公示中·剩{days}个工作日", days)
    days = (public_until - today).days + 1
    return NoticeStatus("open", f"公示中·剩{days}天", days)
