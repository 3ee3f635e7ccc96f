"""Everything that changes a report, in one place: filing it (online or by staff), status changes,
replies, notes, assignment, opening the contact, withdrawal. Each change appends a record and tells
the resident (notifications.py); none edits or removes an earlier record."""

import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log

from portal.workdays import working_days_between

from . import access
from .deadlines import deadline_for
from .models import Feedback, FeedbackContact, FeedbackEvent, FeedbackNote, FeedbackPhoto, FeedbackReply
from .models.items import (
    ACCEPTED,
    CLOSED,
    IN_PROGRESS,
    ONLINE,
    OPEN_STATUSES,
    REFUSED,
    REPLIED,
    WITHDRAWN,
)
from .models.settings import FeedbackSettings
from .notifications import notify_status
from .numbers import hash_code, new_code, save_with_number

# Status changes staff choose; 已答复 comes from publishing a reply, 已撤回 from the resident.
TRANSITIONS = {
    ACCEPTED: (IN_PROGRESS, REFUSED),
    IN_PROGRESS: (REFUSED,),
    REPLIED: (CLOSED, IN_PROGRESS),
    CLOSED: (),
    REFUSED: (),
    WITHDRAWN: (),
}


def file_feedback(
    site,
    kind,
    text,
    *,
    location="",
    notice=None,
    contact=None,
    photos=(),
    source=ONLINE,
    entered_by=None,
    when=None,
):
    """A new report with its 受理号; returns (report, the short code to show once)."""
    when = when or timezone.now()
    received_on = timezone.localdate(when)
    rules = FeedbackSettings.for_site(site)
    code = new_code()
    item = Feedback(
        site=site,
        kind=kind,
        text=text,
        location=location,
        notice=notice,
        source=source,
        entered_by=entered_by,
        received_at=when,
        received_on=received_on,
        deadline=deadline_for(kind, received_on, rules, notice),
        code_hash=hash_code(code),
    )
    with transaction.atomic():
        save_with_number(item, when)
        FeedbackEvent.objects.create(feedback=item, status=ACCEPTED, actor=entered_by, created_at=when)
        contact = {k: (v or "").strip() for k, v in (contact or {}).items()}
        if any(contact.values()):
            FeedbackContact.objects.create(feedback=item, **contact)
        for upload in photos:
            photo = FeedbackPhoto(
                feedback=item, token=secrets.token_hex(16), content_type=upload.content_type
            )
            photo.file.save(upload.name, upload, save=False)
            photo.save()
    return item, code


def _require(allowed):
    if not allowed:
        raise PermissionDenied("没有办理这件反映的权限。")


def change_status(item, status, user, reason="", abusive=False, when=None):
    _require(access.may_handle(user, item))
    if status not in TRANSITIONS.get(item.status, ()):
        raise ValidationError(f"“{item.status_label}”的反映不能改为这个状态。")
    reason = (reason or "").strip()
    if status == REFUSED and not reason:
        raise ValidationError("不予受理必须写明理由，居民会看到。")
    with transaction.atomic():
        item.status = status
        fields = ["status"]
        if status == REFUSED and abusive:
            item.abusive = item.hidden = True
            fields += ["abusive", "hidden"]
        if status == CLOSED:
            item.closed_on = timezone.localdate(when)
            fields.append("closed_on")
        item.save(update_fields=fields)
        event = FeedbackEvent.objects.create(
            feedback=item, status=status, reason=reason, actor=user, created_at=when or timezone.now()
        )
    notify_status(item, event)
    return event


def publish_reply(item, text, user, when=None):
    """A reply goes out with the item; a later one supersedes it (both stay on the record).
    `when` (default now) lets the demo replay a year of handling."""
    _require(access.may_handle(user, item))
    text = (text or "").strip()
    if not text:
        raise ValidationError("请填写答复内容。")
    if item.status in (REFUSED, WITHDRAWN):
        raise ValidationError("已不予受理或已撤回的反映不能答复。")
    when = when or timezone.now()
    today = timezone.localdate(when)
    event = None
    with transaction.atomic():
        reply = FeedbackReply.objects.create(feedback=item, text=text, actor=user, created_at=when)
        fields = []
        if item.replied_on is None:
            item.replied_on = today
            item.working_days_taken = working_days_between(item.received_on, today)
            fields += ["replied_on", "working_days_taken"]
        if item.status in OPEN_STATUSES:
            item.status = REPLIED
            fields.append("status")
            event = FeedbackEvent.objects.create(feedback=item, status=REPLIED, actor=user, created_at=when)
        if fields:
            item.save(update_fields=fields)
    if event is not None:
        notify_status(item, event)
    return reply


def add_note(item, text, user, when=None):
    _require(access.may_note(user, item))
    text = (text or "").strip()
    if not text:
        raise ValidationError("请填写办理情况。")
    return FeedbackNote.objects.create(
        feedback=item, text=text, actor=user, created_at=when or timezone.now()
    )


def assign(item, assignee, user):
    _require(access.may_handle(user, item))
    if assignee is not None and not access.assignable_users(item.site).filter(pk=assignee.pk).exists():
        raise ValidationError("只能交给本社区的工作人员或网格员办理。")
    item.assigned_to = assignee
    item.save(update_fields=["assigned_to"])
    name = (assignee.get_full_name() or assignee.get_username()) if assignee else "（无）"
    log(instance=item, action="feedback.assign", user=user, data={"assignee": name})


def reveal_contact(item, user):
    """The reporter's contact, opened by staff of the item's community; every opening is logged."""
    _require(access.may_reveal(user, item))
    contact = FeedbackContact.objects.filter(feedback=item).first()
    log(instance=item, action="feedback.reveal_contact", user=user)
    return contact


def withdraw(item, when=None):
    """The resident withdraws their report (track page): it leaves the public record."""
    if item.status in (CLOSED, REFUSED, WITHDRAWN):
        raise ValidationError("这件反映已经办结或不再办理，不能撤回。")
    with transaction.atomic():
        item.status = WITHDRAWN
        item.hidden = True
        item.save(update_fields=["status", "hidden"])
        return FeedbackEvent.objects.create(
            feedback=item, status=WITHDRAWN, by_resident=True, created_at=when or timezone.now()
        )
