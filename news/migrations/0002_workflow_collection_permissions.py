"""The newspaper's workflow 社区报审稿 (one approval by 主编), the 社区报 collection and
the roles' permissions on it and on the newspaper snippets.

Page permissions and the workflow assignment are per site: see news/setup.py.
"""

from django.db import migrations

from portal.migration_utils import (
    ensure_permissions,
    grant_collection_permissions,
    grant_model_permissions,
)

EDITORS = "居民编辑"
CHIEF = "主编"
WORKFLOW_NAME = "社区报审稿"
TASK_NAME = "主编审核"
COLLECTION_NAME = "社区报"
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4

MEDIA_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def next_child_path(parent, children):
    """treebeard's MP path for a new last child (historical models have no add_child)."""
    last = children.order_by("-path").values_list("path", flat=True).first()
    if last is None:
        return parent.path + "0001"
    step, value = last[-STEPLEN:], 0
    for char in step:
        value = value * len(ALPHABET) + ALPHABET.index(char)
    value += 1
    digits = ""
    for _ in range(STEPLEN):
        value, rest = divmod(value, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return parent.path + digits


def get_or_create_collection(apps):
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return None
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    existing = children.filter(name=COLLECTION_NAME).first()
    if existing:
        return existing
    collection = Collection.objects.create(
        name=COLLECTION_NAME, path=next_child_path(root, children), depth=2, numchild=0
    )
    root.numchild = children.count()
    root.save(update_fields=["numchild"])
    return collection


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

    collection = get_or_create_collection(apps)
    for group in (EDITORS, CHIEF):
        if collection is not None:
            grant_collection_permissions(apps, group, collection, MEDIA_PERMISSIONS)
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
