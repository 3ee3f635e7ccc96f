"""Wagtail's default workflow and its task were created as "Moderators approval": editors read
their names on the 提交 button and in the workflow history, so they get a Chinese name."""

from django.db import migrations

OLD, NEW = "Moderators approval", "管理员审核"


def rename(apps, schema_editor):
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=OLD).update(name=NEW)


def rename_back(apps, schema_editor):
    for model in ("Workflow", "Task"):
        apps.get_model("wagtailcore", model).objects.filter(name=NEW).update(name=OLD)


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0011_grid_workers"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(rename, rename_back)]
