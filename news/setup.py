"""Per-site setup of the newspaper section, run when a NewsIndexPage is saved.

The workflow, task and collection exist everywhere (data migration 0002); page permissions
and the workflow assignment need the site's own /news/ page, so they are made here.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from portal import roles

WORKFLOW_NAME = "社区报审稿"
TASK_NAME = "主编审核"
COLLECTION_NAME = "社区报"

# Resident editors write but never publish: their "publish" goes to the workflow.
PAGE_PERMISSIONS = {
    roles.RESIDENT_EDITORS: ["add_page", "change_page"],
    roles.EDITOR_IN_CHIEF: ["add_page", "change_page", "publish_page"],
}


def setup_section(index_page):
    """Idempotently grant the roles their page permissions and assign the workflow."""
    for group_name, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:
            continue
        for permission in Permission.objects.filter(
            content_type__app_label="wagtailcore", codename__in=codenames
        ):
            GroupPagePermission.objects.get_or_create(group=group, page=index_page, permission=permission)
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME, active=True).first()
    if workflow is not None and not WorkflowPage.objects.filter(page=index_page).exists():
        WorkflowPage.objects.create(workflow=workflow, page=index_page)
