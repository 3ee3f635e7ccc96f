"""The daily reminder: each community's staff get the reports near or past their deadline, its
监委会 the overdue ones. Sent once per community and day (ReminderSent)."""

from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from portal import roles
from portal.communities import community_name
from portal.workdays import add_working_days

from .deadlines import NEAR_DAYS
from .models import Feedback, ReminderSent
from .models.items import OPEN_STATUSES


def recipients(role, site):
    group = roles.group(role, site)
    if group is None:
        return []
    return sorted({u.email for u in group.user_set.filter(is_active=True).exclude(email="") if u.email})


def remind(site, today=None):
    """Send the site's reminders for `today`; returns (staff items, committee items) or None if
    they went out already today or nothing is due."""
    today = today or timezone.localdate()
    open_items = Feedback.objects.of_site(site).filter(status__in=OPEN_STATUSES).order_by("deadline", "pk")
    due = list(open_items.filter(deadline__lte=add_working_days(today, NEAR_DAYS)))
    overdue = [item for item in due if item.deadline < today]
    if not due:
        return None
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                site=site, day=today, staff_items=len(due), committee_items=len(overdue)
            )
    except IntegrityError:
        return None
    name = community_name(site)
    admin_url = f"{site.root_url}/admin/feedback/"
    for item in due:
        item.state = item.deadline_state(today)
    staff = recipients(roles.COMMUNITY_STAFF, site)
    if staff:
        send_mail(
            f"【{name}】{len(due)} 件居民反映临近或超过答复期限",
            render_to_string(
                "feedback/email/reminder.txt", {"items": due, "name": name, "admin_url": admin_url}
            ),
            None,
            staff,
        )
    committee = recipients(roles.COMMITTEE, site)
    if overdue and committee:
        send_mail(
            f"【{name}】{len(overdue)} 件居民反映已超过答复期限",
            render_to_string(
                "feedback/email/reminder.txt",
                {"items": overdue, "name": name, "admin_url": admin_url, "committee": True},
            ),
            None,
            committee,
        )
    return len(due), len(overdue)
