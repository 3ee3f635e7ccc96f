"""Start-up check: the 财务公开审核 workflow still holds the committee's review task."""

from django.core.checks import Error, register
from django.db import DatabaseError
from wagtail.models import Workflow

from portal.keys import keyed


@register("portal")
def finance_workflow_check(app_configs=None, **kwargs):
    from .models import CommitteeApprovalTask
    from .provisioning import TASK_KEY, WORKFLOW_KEY

    try:
        workflow, task = keyed(Workflow, WORKFLOW_KEY), keyed(CommitteeApprovalTask, TASK_KEY)
        intact = workflow is None or task is None or workflow.workflow_tasks.filter(task_id=task.pk).exists()
    except DatabaseError:
        return []
    if intact:
        return []  # a missing key is reported by portal.E001
    return [
        Error(
            f"工作流“{workflow.name}”里没有监委会审核任务“{task.name}”：财务公开将无法经监委会审核公开。",
            hint="在后台“设置 → 工作流”里把监委会审核任务加回这个工作流。",
            id="notices.E001",
        )
    ]
