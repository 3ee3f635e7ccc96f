"""Deadlines by kind, counted in working days (portal.workdays), and a report's deadline state:
未到期 / 临近（≤2个工作日）/ 已超期 while open; 按期答复 / 超期答复 once answered."""

from dataclasses import dataclass

from django.utils import timezone

from portal.workdays import add_working_days, working_days_between

from .models.items import ENQUIRY, OBJECTION, OPEN_STATUSES, REFUSED, WITHDRAWN

NEAR_DAYS = 2


@dataclass(frozen=True)
class DeadlineState:
    key: str  # "pending", "near", "overdue", "on_time", "late", "none"
    label: str

    @property
    def badge(self):
        return {
            "near": "badge--warn",
            "overdue": "badge--late",
            "late": "badge--late",
            "on_time": "badge--ok",
        }.get(self.key, "badge--muted")


def deadline_for(kind, received_on, rules, notice=None):
    """The last day to reply: enquiries and other kinds in working days (per-site rules);
    an objection before its notice's period ends (objection deadline, else 公示截止)."""
    if kind == OBJECTION and notice is not None:
        end = notice.objection_deadline or notice.public_until
        if end is not None:
            return max(end, received_on)
    days = rules.enquiry_working_days if kind == ENQUIRY else rules.reply_working_days
    return add_working_days(received_on, days)


def deadline_state(item, today=None):
    today = today or timezone.localdate()
    if item.replied_on is not None:
        if item.replied_on <= item.deadline:
            return DeadlineState("on_time", "按期答复")
        return DeadlineState("late", "超期答复")
    if item.status in (REFUSED, WITHDRAWN) or item.status not in OPEN_STATUSES:
        return DeadlineState("none", "")
    if today > item.deadline:
        return DeadlineState("overdue", "已超期")
    if working_days_between(today, item.deadline) <= NEAR_DAYS:
        return DeadlineState("near", "临近（≤2个工作日）")
    return DeadlineState("pending", "未到期")
