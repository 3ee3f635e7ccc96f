"""Dashboard panel: the reports near or past their deadline, within the user's reach (监委会
see the overdue ones)."""

from django.template.loader import render_to_string
from django.utils import timezone
from wagtail.admin.ui.components import Component

from portal import roles
from portal.workdays import add_working_days

from . import access
from .deadlines import NEAR_DAYS
from .models import Feedback
from .models.items import OPEN_STATUSES

LIMIT = 20


def due_items(user, today=None, overdue_only=False):
    today = today or timezone.localdate()
    items = Feedback.objects.filter(status__in=OPEN_STATUSES)
    if overdue_only:
        items = items.filter(deadline__lt=today)
    else:
        items = items.filter(deadline__lte=add_working_days(today, NEAR_DAYS))
    return access.visible(user, items).select_related("site").order_by("deadline", "pk")


class DeadlinesPanel(Component):
    name = "feedback_deadlines"
    order = 60

    def __init__(self, items, overdue_only):
        self.items = items
        self.overdue_only = overdue_only

    def render_html(self, parent_context=None):
        today = timezone.localdate()
        for item in self.items:
            item.state = item.deadline_state(today)
        return render_to_string(
            "feedback/admin/deadlines_panel.html",
            {"items": self.items, "overdue_only": self.overdue_only},
        )


def deadlines_panel(request, panels):
    user = request.user
    if not access.may_view_any(user):
        return
    overdue_only = not (access.may_handle_any(user) or roles.has_any_role(user, [roles.GRID_WORKERS]))
    items = list(due_items(user, overdue_only=overdue_only)[:LIMIT])
    if items:
        panels.append(DeadlinesPanel(items, overdue_only))
