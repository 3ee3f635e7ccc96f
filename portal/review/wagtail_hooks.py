"""Admin wiring of reviews: log actions, the review page, reviewers sent to it from the editor,
the editor's footer, and no page actions through the admin API."""

from django.shortcuts import redirect
from django.urls import path
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.api.views import PagesAdminAPIViewSet

from . import action_menu, views
from .editor import may_cancel_workflow, review_url_for


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("review.approve", "审核通过（一位审核人）", "审核通过（一位审核人）")
    actions.register_action("review.restart", "内容修改，重新审核", "内容修改，重新审核")


@hooks.register("register_admin_urls")
def review_urls():
    return [path("review/<int:task_state_id>/", views.review, name="review_task")]


CANCEL_REFUSED = "只有提交人和站点管理员可以取消或重启审核流程；审核人请在审核页选择“审核通过”或“退回修改”。"


@hooks.register("before_edit_page")
def reviewers_review_instead_of_editing(request, page):
    """A reviewer who cannot edit the page in their own right gets the review page, not a
    locked editor; nobody but the submitter and administrators cancels a workflow."""
    review_url = review_url_for(request.user, page)
    if review_url:
        return redirect(review_url)
    cancelling = any(request.POST.get(name) for name in action_menu.CANCELLING_ACTIONS)
    if request.method == "POST" and cancelling:
        state = page.current_workflow_state
        if state is not None and not may_cancel_workflow(request.user, state):
            messages.error(request, CANCEL_REFUSED)
            return redirect("wagtailadmin_pages:edit", page.pk)
    return None


hooks.register("construct_page_action_menu", action_menu.arrange)


class ReadOnlyPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    """The admin's page API without its write actions (publish, revert, copy, move, alias,
    delete, ...): the admin's own screens never use them, and they skip the editor's rules."""

    actions = {}


@hooks.register("construct_admin_api")
def read_only_page_api(router):
    router.register_endpoint("pages", ReadOnlyPagesAdminAPIViewSet)
