"""居民反映 in the admin (viewsets.py), its log actions, the dashboard panel, the community set-up,
the sub-district's figures and the box on a notice in its 公示期."""

from django.db.models import Count, F, Q
from django.template.loader import render_to_string
from django.utils import timezone
from wagtail import hooks

from portal.page_cache.memo import request_memo

from . import provisioning
from .forms import open_for_objections
from .models import Feedback
from .models.items import OBJECTION, REFUSED
from .panels import deadlines_panel
from .viewsets import FeedbackViewSet


@hooks.register("register_admin_viewset")
def register_viewset():
    return FeedbackViewSet("feedback_admin", url_prefix="feedback")


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("feedback.reveal_contact", "查看反映人联系方式", "查看反映人联系方式")
    actions.register_action("feedback.assign", "交办居民反映", "交办居民反映")


hooks.register("construct_homepage_panels", deadlines_panel)
hooks.register("provision_community", provisioning.provision)
hooks.register("register_stable_keys", provisioning.stable_keys)


@hooks.register("district_figures")
def feedback_figures(sites, today):
    """This year's reports (public record) and the share answered within the deadline."""
    rows = (
        Feedback.objects.public()
        .filter(site__in=sites, received_on__year=today.year)
        .values("site")
        .annotate(
            n=Count("pk"),
            due=Count("pk", filter=~Q(status=REFUSED)),
            on_time=Count("pk", filter=Q(replied_on__lte=F("deadline"))),
        )
    )
    received = {row["site"]: row["n"] for row in rows}
    rate = {row["site"]: f"{100 * row['on_time'] / row['due']:.1f}%" if row["due"] else "—" for row in rows}
    return [
        ("feedback_received", f"{today.year}年反馈件数", received),
        ("feedback_on_time", "按期答复率", rate),
    ]


@hooks.register("notice_period_extras")
def objections_box(request, page):
    """On a notice with a 公示期: the objections received in it, and 我要提出异议 while it is open."""
    if not (page.public_from and page.public_until):
        return ""
    if page.pk is None or getattr(request, "is_preview", False):
        return _objections_box(request, page)
    # Counts change only with a write to the site; 我要提出异议 with the day.
    return request_memo(request, f"objections:{page.pk}", lambda: _objections_box(request, page), daily=True)


def _objections_box(request, page):
    counts = (
        Feedback.objects.public()
        .filter(
            notice=page, kind=OBJECTION, received_on__gte=page.public_from, received_on__lte=page.public_until
        )
        .aggregate(received=Count("pk"), replied=Count("pk", filter=Q(replied_on__isnull=False)))
    )
    return render_to_string(
        "feedback/includes/notice_box.html",
        {"page": page, "counts": counts, "open": open_for_objections(page, timezone.localdate())},
        request=request,
    )
