"""Public record.json of a disclosure, and the break-glass withdrawal (superusers only)."""

from mimetypes import guess_type
from urllib.parse import quote

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.admin import messages
from wagtail.log_actions import log
from wagtail.models import Page

from portal.accounts.models import verified_name

from .models import AttachmentCopy, DisclosureEvent, DisclosureItem, FinancialDisclosurePage


def record_json(request, page_path):
    """`<disclosure url>record.json`: the canonical record residents can hash themselves."""
    route = Page.route_for_request(request, page_path)
    page = route[0] if route else None
    if not isinstance(page, FinancialDisclosurePage) or not page.live:
        raise Http404
    return page.record_view(request)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label="撤回原因（居民会在原网址看到）",
        min_length=10,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": "请写明撤回原因，居民会在原网址看到。",
            "min_length": "撤回原因至少写 10 个字，说清楚哪里错了、何时更正。",
        },
    )


def withdraw(request, page_id):
    if not (request.user.is_active and request.user.is_superuser):
        raise PermissionDenied
    page = get_object_or_404(FinancialDisclosurePage, pk=page_id)
    if not page.live:
        messages.error(request, f"“{page.title}”没有公开，不需要撤回。")
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        reason = form.cleaned_data["reason"]
        with transaction.atomic():
            publications = page.publications()
            if page.workflow_in_progress:
                page.current_workflow_state.cancel(user=request.user)
            revision = page.live_revision
            UnpublishPageAction(page, user=request.user, log_action=True).execute(skip_permission_checks=True)
            DisclosureEvent.append(
                DisclosureEvent.WITHDRAWN,
                page,
                revision=revision,
                fingerprint=publications[-1].fingerprint if publications else "",
                actor=verified_name(request.user) or request.user.get_username(),
                data={"reason": reason},
            )
            log(instance=page, action="notices.withdraw", user=request.user, data={"reason": reason})
        messages.success(request, f"已撤回“{page.title}”。原网址会向居民显示撤回日期和原因。")
        return redirect("wagtailadmin_explore", page.get_parent().pk)
    return TemplateResponse(request, "notices/admin/withdraw.html", {"page": page, "form": form})


def attachment(request, sha256):
    """A disclosure attachment exactly as approved: served from its copy, PDFs in the browser."""
    copy = AttachmentCopy.objects.filter(sha256=sha256).first()
    published = DisclosureItem.objects.filter(attachment_sha256=sha256, page__live=True).exists()
    reviewer = request.user.is_authenticated and request.user.has_perm("wagtailadmin.access_admin")
    if copy is None or not (published or reviewer):
        raise Http404
    disposition = "inline" if copy.is_pdf else "attachment"
    response = FileResponse(
        copy.file.open("rb"), content_type=guess_type(copy.filename)[0] or "application/octet-stream"
    )
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(copy.filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
