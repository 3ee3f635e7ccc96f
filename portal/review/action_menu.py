"""The page editor's footer during reviews: submitting is the main button for those who cannot
publish, named after who reviews (提交主编审核); reviewers never get 取消工作流."""

from wagtail.admin.action_menu import SubmitForModerationMenuItem

from .editor import may_cancel_workflow

CANCELLING_ACTIONS = ("action-cancel-workflow", "action-restart-workflow")


def first_task(workflow):
    task = workflow.tasks.first() if workflow else None
    return task.specific if task else None


class SubmitForReviewMenuItem(SubmitForModerationMenuItem):
    """Wagtail's submit item, labelled with the first task's `submit_label` when it has one."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page else None
        if state and state.status == state.STATUS_NEEDS_CHANGES:
            task = state.current_task_state.task.specific
            label = getattr(task, "submit_label", "")
            if label:
                context["label"] = f"修改后重新{label}"
            return context
        workflow_page = page if page and page.pk else context["parent_page"]
        label = getattr(first_task(workflow_page.get_workflow()), "submit_label", "")
        if label:
            context["label"] = label
        return context


def arrange(menu_items, request, context):
    """construct_page_action_menu: see the module docstring."""
    page = context.get("page")
    if page is not None and page.pk and not may_cancel_workflow(request.user, page.current_workflow_state):
        menu_items[:] = [item for item in menu_items if item.name not in CANCELLING_ACTIONS]
    if any(item.name == "action-publish" for item in menu_items):
        return
    for position, item in enumerate(menu_items):
        if item.name == "action-submit":
            del menu_items[position]
            menu_items.insert(0, SubmitForReviewMenuItem(order=item.order))
            return
