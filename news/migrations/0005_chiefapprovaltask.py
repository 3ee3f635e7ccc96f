"""主编审核 becomes a review task whose approval covers the exact content (portal.review)."""

import django.db.models.deletion
from django.db import migrations, models

WORKFLOW_NAME = "社区报审稿"
TASK_NAME = "主编审核"


def use_chief_task(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Task = apps.get_model("wagtailcore", "Task")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    ChiefApprovalTask = apps.get_model("news", "ChiefApprovalTask")
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is None:
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="news", model="chiefapprovaltask")
    task = ChiefApprovalTask.objects.create(name=TASK_NAME, content_type=content_type, active=True)
    task.groups.set(Group.objects.filter(name="主编"))
    for link in WorkflowTask.objects.filter(workflow=workflow):
        Task.objects.filter(pk=link.task_id).update(active=False, name=f"{TASK_NAME}（旧）")
        link.delete()
    WorkflowTask.objects.create(workflow=workflow, task_id=task.pk, sort_order=0)


class Migration(migrations.Migration):

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
        ('news', '0004_article_held_revision'),
        ('wagtailcore', '0098_apitoken'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='ChiefApprovalTask',
            fields=[
                ('task_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to='wagtailcore.task')),
                ('groups', models.ManyToManyField(help_text='Pages/snippets at this step in a workflow will be moderated or approved by these groups of users', to='auth.group', verbose_name='groups')),
            ],
            options={
                'verbose_name': '主编审核',
                'verbose_name_plural': '主编审核',
            },
            bases=('wagtailcore.task',),
        ),
        migrations.RunPython(use_chief_task, migrations.RunPython.noop),
    ]
