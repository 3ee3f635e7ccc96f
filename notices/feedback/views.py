"""The public side: 我要反映 (/feedback/new/), 查询 (/feedback/track/), the public record
(/feedback/, /feedback/<受理号>/), the summary (/feedback/summary/, CSV) and RSS. Every view works
for the community whose address was asked for; a host with no community is a 404."""

import csv
import functools

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from notices.models import NoticeBase
from portal.pagination import paginate
from portal.params import ascii_int
from portal.spreadsheets import csv_text

from . import handling, ratelimit, summary
from .forms import ReportForm, TrackForm, open_for_objections
from .models import Feedback, FeedbackContact, FeedbackEvent, FeedbackReply, FeedbackSettings
from .models.items import KIND_CHOICES, STATUS_CHOICES, WITHDRAWN
from .numbers import code_matches, hash_code, normalise_number

PER_PAGE = 20
TRACKED_SESSION_KEY = "feedback_tracked"
PUBLIC_STATUSES = [c for c in STATUS_CHOICES if c[0] != WITHDRAWN]
TRACK_FAILED = "受理号或查询码不正确。请核对后再试；忘记查询码可以填写留下的手机号码后 4 位，或致电社区。"
TOO_MANY = "尝试次数过多，请一小时后再试，或致电社区服务热线查询。"


def current_site(request):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    return site


def site_notices(site):
    return NoticeBase.objects.live().public().descendant_of(site.root_page)


@never_cache
@require_http_methods(["GET", "POST"])
def new(request):
    site = current_site(request)
    rules = FeedbackSettings.for_site(site)
    notices = site_notices(site)
    initial = {}
    notice = None
    notice_id = ascii_int(request.GET.get("notice"))
    if notice_id is not None:
        notice = notices.filter(pk=notice_id).first()
        if notice is not None and open_for_objections(notice):
            initial = {"kind": "objection", "notice": notice.pk}
    form = ReportForm(
        request.POST or None,
        request.FILES or None,
        initial=initial,
        locations=rules.location_list,
        notices=notices,
    )
    if request.method == "POST":
        ip = ratelimit.address(request)
        phone = ratelimit.phone_key(request.POST.get("phone", ""))
        if ratelimit.over_limit("submit-ip", ip) or (phone and ratelimit.over_limit("submit-phone", phone)):
            form.add_error(None, "提交太频繁了，请稍后再试；急事请拨打社区服务热线。")
        elif form.is_valid():
            data = form.cleaned_data
            item, code = handling.file_feedback(
                site,
                data["kind"],
                data["text"],
                location=data["location"],
                notice=form.notice_page if data["kind"] == "objection" else None,
                contact=form.contact(),
                photos=data["photos"],
            )
            ratelimit.count("submit-ip", ip)
            if phone:
                ratelimit.count("submit-phone", phone)
            request.session[TRACKED_SESSION_KEY] = [item.number]
            return TemplateResponse(
                request, "feedback/submitted.html", {"item": item, "code": code, "site_rules": rules}
            )
        notice = form.notice_page or notice
    return TemplateResponse(request, "feedback/new.html", {"form": form, "notice": notice})


def item_with_history(queryset, number):
    return (
        queryset.filter(number=number)
        .select_related("notice")
        .prefetch_related(
            Prefetch("events", queryset=FeedbackEvent.objects.order_by("created_at", "pk")),
            Prefetch("replies", queryset=FeedbackReply.objects.order_by("created_at", "pk")),
        )
        .first()
    )


def replies_with_state(item):
    """Every reply, the latest current and the earlier ones marked as corrected."""
    replies = list(item.replies.all())
    for i, reply in enumerate(replies):
        reply.superseded_by = replies[i + 1] if i + 1 < len(replies) else None
    return replies


@never_cache
@require_http_methods(["GET", "POST"])
def track(request):
    site = current_site(request)
    form = TrackForm(request.POST or None)
    item = None
    if request.method == "POST":
        ip = ratelimit.address(request)
        if request.POST.get("action") == "withdraw":
            return withdraw(request, site)
        if ratelimit.over_limit("track-ip", ip):
            form.add_error(None, TOO_MANY)
        elif form.is_valid():
            item = authorised_item(site, form.cleaned_data["number"], form.cleaned_data["secret"])
            if item is None:
                ratelimit.count("track-ip", ip)
                form.add_error(None, TRACK_FAILED)
            else:
                tracked = request.session.get(TRACKED_SESSION_KEY, [])
                request.session[TRACKED_SESSION_KEY] = [*tracked[-9:], item.number]
    elif request.GET.get("number") and request.GET["number"] in request.session.get(TRACKED_SESSION_KEY, []):
        item = item_with_history(Feedback.objects.of_site(site), normalise_number(request.GET["number"]))
    context = {"form": form, "item": item}
    if item is not None:
        context.update(replies=replies_with_state(item), state=item.deadline_state())
    return TemplateResponse(request, "feedback/track.html", context)


def authorised_item(site, number, secret):
    """The report if the code (or the phone's last 4 digits) matches; otherwise None, the same
    whether the number exists or not."""
    item = item_with_history(
        Feedback.objects.of_site(site).select_related("contact"), normalise_number(number)
    )
    secret = "".join((secret or "").split())
    if item is None:
        code_matches(secret, dummy_hash())  # the same work as a real check
        return None
    if code_matches(secret, item.code_hash):
        return item
    try:
        contact = item.contact
    except FeedbackContact.DoesNotExist:
        contact = None
    if contact is not None and len(secret) == 4 and secret.isdigit() and contact.phone_last4 == secret:
        return item
    return None


@functools.cache
def dummy_hash():
    return hash_code("AAAAAA")


def withdraw(request, site):
    number = normalise_number(request.POST.get("number"))
    if number not in request.session.get(TRACKED_SESSION_KEY, []):
        messages.error(request, "请先用受理号和查询码查询，再撤回。")
        return redirect("feedback_track")
    item = Feedback.objects.of_site(site).filter(number=number).first()
    if item is None:
        raise Http404
    try:
        handling.withdraw(item)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"已撤回 {item.number}，它不再出现在公开记录中。")
    return redirect(reverse("feedback_track") + f"?number={item.number}")


def clean_filters(params):
    kind = params.get("kind", "")
    status = params.get("status", "")
    return {
        "kind": kind if kind in dict(KIND_CHOICES) else "",
        "status": status if status in dict(PUBLIC_STATUSES) else "",
        "year": ascii_int(params.get("year"), min_value=2000, max_value=2999),
    }


def public_items(site, filters=None):
    items = Feedback.objects.of_site(site).public()
    filters = filters or {}
    if filters.get("kind"):
        items = items.filter(kind=filters["kind"])
    if filters.get("status"):
        items = items.filter(status=filters["status"])
    if filters.get("year"):
        items = items.filter(received_on__year=filters["year"])
    return items


def current_replies(items):
    """{feedback id: its latest reply} for a page of items, in one query."""
    ids = [item.pk for item in items]
    latest = {}
    for reply in FeedbackReply.objects.filter(feedback_id__in=ids).order_by("created_at", "pk"):
        latest[reply.feedback_id] = reply
    return latest


def record(request):
    site = current_site(request)
    filters = clean_filters(request.GET)
    items = public_items(site, filters).select_related("notice").defer("code_hash")
    page_obj = paginate(request, items, PER_PAGE)
    replies = current_replies(page_obj.object_list)
    today = timezone.localdate()
    for item in page_obj:
        item.current_reply = replies.get(item.pk)
        item.state = item.deadline_state(today)
    years = sorted({d.year for d in public_items(site).dates("received_on", "year")}, reverse=True)
    return TemplateResponse(
        request,
        "feedback/record.html",
        {
            "page_obj": page_obj,
            "items": page_obj.object_list,
            "filters": filters,
            "kinds": KIND_CHOICES,
            "statuses": PUBLIC_STATUSES,
            "years": years,
        },
    )


def item_page(request, number):
    site = current_site(request)
    item = item_with_history(public_items(site), normalise_number(number))
    if item is None:
        raise Http404
    return TemplateResponse(
        request,
        "feedback/item.html",
        {"item": item, "replies": replies_with_state(item), "state": item.deadline_state()},
    )


def summary_view(request):
    site = current_site(request)
    year = ascii_int(request.GET.get("year"), min_value=2000, max_value=2999) or timezone.localdate().year
    table = summary.year_summary(public_items(site), year)
    if request.GET.get("format") == "csv":
        return summary_csv(table, year)
    years = sorted({d.year for d in public_items(site).dates("received_on", "year")}, reverse=True)
    return TemplateResponse(request, "feedback/summary.html", {"table": table, "year": year, "years": years})


def summary_csv(table, year):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''feedback-summary-{year}.csv"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        ["期间", "类别", "收到件数", "已答复", "按期答复", "按期答复率", "答复用时中位数（工作日）"]
    )
    for row in table.csv_rows():
        writer.writerow([csv_text(str(cell)) if isinstance(cell, str) else cell for cell in row])
    return response


def feed(request):
    from .feeds import FeedbackFeed

    site = current_site(request)
    return FeedbackFeed(site, public_items(site, clean_filters(request.GET)))(request)
