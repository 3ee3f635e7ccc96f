"""问题处理情况 for the physical board: a draft NoticePage (居务公开) listing one month's public
record, which then goes through the notice's own workflow; its print view carries a QR code to
each report (notices/blocks/problem_list_block.html)."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from notices.models import NoticeIndexPage, NoticePage
from portal.provisioning import site_page

from .models import Feedback, FeedbackReply
from .models.items import CLOSED, IN_PROGRESS, REFUSED, REPLIED

MAX_ITEMS = 200
BLOCK_STATUS = {IN_PROGRESS: "in_progress", REPLIED: "done", CLOSED: "done", REFUSED: "done"}


class MonthForm(forms.Form):
    site = forms.ModelChoiceField(label="社区", queryset=None, empty_label=None)
    month = forms.CharField(
        label="月份",
        max_length=7,
        help_text="例如 2026-10",
        error_messages={"required": "请填写月份，例如 2026-10。"},
    )

    def __init__(self, *args, sites, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites

    def clean_month(self):
        value = self.cleaned_data["month"].strip()
        match = re.fullmatch(r"(20\d\d)-(0?[1-9]|1[0-2])", value)
        if not match:
            raise ValidationError("月份格式不对，请写成 2026-10 这样。")
        return datetime.date(int(match[1]), int(match[2]), 1)


def generate_problem_notice(site, month, user, request=None):
    board = site_page(site, NoticeIndexPage)
    if board is None:
        raise ValidationError("本社区还没有公开栏。")
    items = list(
        Feedback.objects.of_site(site)
        .public()
        .filter(received_on__year=month.year, received_on__month=month.month)
        .order_by("received_on", "pk")[:MAX_ITEMS]
    )
    if not items:
        raise ValidationError(f"{month.year}年{month.month}月没有可以公开的居民反映。")
    latest = {}
    for reply in FeedbackReply.objects.filter(feedback__in=items).order_by("created_at", "pk"):
        latest[reply.feedback_id] = reply.text
    problems = [
        {
            "date": item.received_on.isoformat(),
            "kind": (f"{item.kind_label}·{item.location}" if item.location else item.kind_label)[:40],
            "description": item.text[:300],
            "status": BLOCK_STATUS.get(item.status, "accepted"),
            "handling": f"{item.status_label}；用时{item.working_days_taken}个工作日"
            if item.working_days_taken is not None
            else item.status_label,
            "reply": latest.get(item.pk, ""),
            "number": item.number,
        }
        for item in items
    ]
    title = f"{month.year}年{month.month}月居民反映问题处理情况"
    slug = f"feedback-{month:%Y-%m}"
    while NoticePage.objects.filter(slug=slug).descendant_of(board).exists():
        slug += "-1"
    page = NoticePage(
        title=title,
        slug=slug,
        category="residents",
        issuing_body="社区居委会",
        date=timezone.localdate(),
        summary=f"{month.year}年{month.month}月共受理居民反映{len(items)}件，办理情况如下（不含反映人信息）。",
        body=[{"type": "problems", "value": {"heading": title, "problems": problems}}],
        live=False,
    )
    board.add_child(instance=page)
    page.save_revision(user=user)
    return page
