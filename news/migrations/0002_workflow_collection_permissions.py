"""The newspaper's workflow 社区报审稿 (one approval by 主编) and the roles' permissions on the
newspaper snippets. The 社区报 collection and page permissions are set up at run time
(news/provisioning.py)."""

from django.db import migrations

from portal.migration_utils import ensure_permissions, grant_model_permissions

EDITORS = "居民编辑"
CHIEF = "主编"
WORKFLOW_NAME = "社区报审稿"
TASK_NAME = "主编审核"


def set_up(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    ensure_permissions(apps, "news", "wagtailimages", "wagtaildocs")

    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        content_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = GroupApprovalTask.objects.create(name=TASK_NAME, content_type=content_type, active=True)
    task.groups.add(Group.objects.get(name=CHIEF))
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    for group in (EDITORS, CHIEF):
        grant_model_permissions(apps, group, "news", ["add_correspondent", "change_correspondent"])
    grant_model_permissions(apps, CHIEF, "news", ["add_column", "change_column", "delete_column"])


def tear_down(apps, schema_editor):
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=WORKFLOW_NAME).delete()
    apps.get_model("wagtailcore", "Task").objects.filter(name=TASK_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0001_initial"),
        ("portal", "0002_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(set_up, tear_down)]
