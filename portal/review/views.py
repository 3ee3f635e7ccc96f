"""The review page: what is under review (read-only), who approved so far, approve or send back."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from wagtail.admin import messages
from wagtail.models import TaskState

from . import actions
from .fingerprint import verification_code
from .forms import ApproveForm, RejectForm
from .models import ReviewApproval, ReviewTask


def outcome_message(action, state, task, page):
    """What the reviewer's decision did and what remains, in one sentence or two."""
    if action == "reject":
        return f"已退回“{page.title}”，提交人会收到你写的原因；修改后需重新提交审核。"
    done = ReviewApproval.objects.filter(task_state=state).count()
    required = task.required_approvals
    said = f"你已审核通过“{page.title}”（核验码 {verification_code(state.fingerprint)}）。"
    if state.status == TaskState.STATUS_APPROVED:
        page.refresh_from_db()
        then = "已公开。" if page.live else "审核已完成，将随所在期刊或按预定时间上线。"
        return f"{said}已有 {done}/{required} 位成员审核通过，{then}"
    return f"{said}已有 {done}/{required} 位成员审核通过，还需 {required - done} 位成员审核通过后才会公开。"


@require_http_methods(["GET", "POST"])
def review(request, task_state_id):
    state = get_object_or_404(TaskState, pk=task_state_id).specific
    task = state.task.specific
    if not isinstance(task, ReviewTask) or not task.is_reviewer(request.user):
        raise PermissionDenied
    page = state.workflow_state.content_object.specific
    approve_form, reject_form = ApproveForm(), RejectForm()
    if request.method == "POST":
        action = request.POST.get("action")
        if action not in ("approve", "reject"):
            return HttpResponseBadRequest("未知的审核操作。")
        form = (ApproveForm if action == "approve" else RejectForm)(request.POST)
        if form.is_valid():
            try:
                if action == "approve":
                    actions.approve(
                        state.pk, request.user, form.cleaned_data["fingerprint"], form.cleaned_data["comment"]
                    )
                else:
                    actions.reject(state.pk, request.user, form.cleaned_data["comment"])
            except actions.ReviewRefused as refusal:
                messages.error(request, str(refusal))
                return redirect(reverse("review_task", args=(state.pk,)))
            state.refresh_from_db()
            messages.success(request, outcome_message(action, state, task, page))
            return redirect("wagtailadmin_home")
        if action == "approve":
            approve_form = form
        else:
            reject_form = form
    approvals = list(ReviewApproval.objects.filter(task_state=state).order_by("approved_at", "pk"))
    can_decide = state.status == TaskState.STATUS_IN_PROGRESS and request.user.pk not in task.authors(state)
    return TemplateResponse(
        request,
        "review/review_page.html",
        {
            "page": page,
            "state": state,
            "task": task,
            "approvals": approvals,
            "already_approved": any(a.user_id == request.user.pk for a in approvals),
            "can_decide": can_decide,
            "approve_form": approve_form,
            "reject_form": reject_form,
        },
    )
