"""The admin's handling page of one report, staff entry of a call or visit, the report's photos,
and the monthly 问题处理情况 notice generated from the record."""

import datetime
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Site

from notices.models import NoticeBase
from portal import roles

from . import access, handling
from .forms import AssignForm, NoteForm, ReplyForm, StaffEntryForm, StatusForm
from .models import Feedback, FeedbackContact
from .models.items import STATUS_CHOICES
from .problem_notice import MonthForm, generate_problem_notice

STATUS_LABELS = dict(STATUS_CHOICES)


def visible_item(request, pk):
    if not access.may_view_any(request.user):
        raise PermissionDenied
    queryset = access.visible(request.user, Feedback.objects.select_related("site", "notice", "assigned_to"))
    return get_object_or_404(queryset, pk=pk)


def handle(request, pk):
    item = visible_item(request, pk)
    user = request.user
    can_handle = access.may_handle(user, item)
    can_note = access.may_note(user, item)
    choices = [(s, STATUS_LABELS[s]) for s in handling.TRANSITIONS.get(item.status, ())]
    forms = {
        "status": StatusForm(prefix="status", choices=choices),
        "reply": ReplyForm(prefix="reply"),
        "note": NoteForm(prefix="note"),
        "assign": AssignForm(
            prefix="assign",
            users=access.assignable_users(item.site),
            initial={"assignee": item.assigned_to_id},
        ),
    }
    revealed = None
    if request.method == "POST":
        action = request.POST.get("action")
        allowed = {"status": can_handle, "reply": can_handle, "assign": can_handle, "note": can_note}
        if action == "reveal":
            if not access.may_reveal(user, item):
                raise PermissionDenied
            revealed = handling.reveal_contact(item, user)
        elif action in forms:
            if not allowed[action]:
                raise PermissionDenied
            form = type(forms[action])(request.POST, prefix=action, **form_kwargs(action, item, choices))
            forms[action] = form
            if form.is_valid() and apply(request, action, item, form):
                return redirect("feedback_admin:edit", item.pk)
        else:
            raise PermissionDenied
    contact = FeedbackContact.objects.filter(feedback=item).first()
    replies = list(item.replies.select_related("actor").order_by("created_at", "pk"))
    for i, reply in enumerate(replies):
        reply.superseded_by = replies[i + 1] if i + 1 < len(replies) else None
    return TemplateResponse(
        request,
        "feedback/admin/handle.html",
        {
            "item": item,
            "state": item.deadline_state(),
            "contact": contact,
            "revealed": revealed,
            "events": item.events.select_related("actor").order_by("created_at", "pk"),
            "replies": replies,
            "notes": item.notes.select_related("actor").order_by("created_at", "pk"),
            "photos": item.photos.all() if access.may_see_photos(user, item) else [],
            "log": ModelLogEntry.objects.for_instance(item).select_related("user").order_by("-timestamp"),
            "forms": forms,
            "can_handle": can_handle,
            "can_note": can_note,
            "can_reveal": access.may_reveal(user, item),
            "page_title": f"居民反映 {item.number}",
            "header_icon": "mail",
        },
    )


def form_kwargs(action, item, choices):
    if action == "status":
        return {"choices": choices}
    if action == "assign":
        return {"users": access.assignable_users(item.site)}
    return {}


def apply(request, action, item, form):
    data = form.cleaned_data
    try:
        if action == "status":
            handling.change_status(item, data["status"], request.user, data["reason"], data["abusive"])
            messages.success(request, f"{item.number} 已改为“{STATUS_LABELS[data['status']]}”。")
        elif action == "reply":
            handling.publish_reply(item, data["text"], request.user)
            messages.success(request, f"{item.number} 的答复已公开，留了联系方式的居民会收到通知。")
        elif action == "note":
            handling.add_note(item, data["text"], request.user)
            messages.success(request, "办理情况已记录。")
        elif action == "assign":
            handling.assign(item, data["assignee"], request.user)
            messages.success(request, f"{item.number} 的经办人已更新。")
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        return False
    return True


def photo(request, pk, token):
    item = visible_item(request, pk)
    if not access.may_see_photos(request.user, item):
        raise PermissionDenied
    picture = item.photos.filter(token=token).first()
    if picture is None:
        raise Http404
    response = FileResponse(picture.file.open("rb"), content_type=picture.content_type)
    response["Content-Disposition"] = (
        f"inline; filename*=UTF-8''{quote(picture.file.name.rsplit('/', 1)[-1])}"
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def staff_sites(user):
    sites = Site.objects.order_by("-is_default_site", "site_name", "hostname")
    if user.is_superuser:
        return sites
    ids = {site_id for role, site_id in roles.user_memberships(user) if role == roles.COMMUNITY_STAFF}
    return sites.filter(pk__in=ids)


def staff_entry(request):
    """代为登记: a phone call or a visit, entered by staff of the resident's community."""
    sites = staff_sites(request.user)
    if not access.may_handle_any(request.user) or not sites.exists():
        raise PermissionDenied
    in_sites = Q()
    for site in sites.select_related("root_page"):
        in_sites |= Q(path__startswith=site.root_page.path)
    year_ago = timezone.localdate() - datetime.timedelta(days=366)
    notices = NoticeBase.objects.live().filter(in_sites, date__gte=year_ago).order_by("-date")
    form = StaffEntryForm(request.POST or None, sites=sites, notices=notices, initial={"site": sites.first()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        item, code = handling.file_feedback(
            data["site"],
            data["kind"],
            data["text"],
            location=data["location"],
            notice=data["notice"],
            contact=form.contact(),
            source=data["source"],
            entered_by=request.user,
        )
        messages.success(
            request, f"已登记，受理号 {item.number}，查询码 {code}（只显示这一次，请告诉居民）。"
        )
        return redirect("feedback_admin:edit", item.pk)
    return TemplateResponse(
        request,
        "feedback/admin/staff_entry.html",
        {"form": form, "page_title": "代为登记居民反映", "header_icon": "mail"},
    )


def problem_notice(request):
    """生成问题处理情况公告: a draft notice of one month's record, for the normal notice workflow."""
    sites = staff_sites(request.user)
    if not access.may_handle_any(request.user) or not sites.exists():
        raise PermissionDenied
    today = timezone.localdate()
    last_month = (today.replace(day=1) - datetime.timedelta(days=1)).strftime("%Y-%m")
    form = MonthForm(request.POST or None, sites=sites, initial={"site": sites.first(), "month": last_month})
    if request.method == "POST" and form.is_valid():
        try:
            page = generate_problem_notice(
                form.cleaned_data["site"], form.cleaned_data["month"], request.user, request
            )
        except ValidationError as error:
            form.add_error(None, error.messages[0])
        else:
            messages.success(request, f"已生成草稿“{page.title}”，请核对后按公告的正常流程发布。")
            return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return TemplateResponse(
        request,
        "feedback/admin/problem_notice.html",
        {"form": form, "page_title": "生成问题处理情况公告", "header_icon": "doc-full"},
    )
