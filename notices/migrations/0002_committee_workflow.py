"""The 财务公开审核 workflow (监委会, quorum 2) and model permissions for the roles."""

from django.db import migrations

from portal.migration_utils import ensure_permissions, grant_model_permissions

WORKFLOW_NAME = "财务公开审核"
TASK_NAME = "监委会审核"


def create_workflow(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    CommitteeApprovalTask = apps.get_model("notices", "CommitteeApprovalTask")
    ensure_permissions(apps, "notices")

    task = CommitteeApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(app_label="notices", model="committeeapprovaltask")
        task = CommitteeApprovalTask.objects.create(name=TASK_NAME, quorum=2, content_type=content_type)
        task.groups.set(Group.objects.filter(name="监委会"))
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})

    grant_model_permissions(apps, "社区工作人员", "notices", ["add_fund", "change_fund", "view_fund"])
    grant_model_permissions(apps, "站点管理员", "notices", ["add_fund", "change_fund", "delete_fund", "view_fund"])
    grant_model_permissions(apps, "监委会", "notices", ["view_fund"])


def remove_workflow(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("notices", "CommitteeApprovalTask").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0001_initial"),
        ("portal", "0002_roles"),
    ]

    operations = [migrations.RunPython(create_workflow, remove_workflow)]
