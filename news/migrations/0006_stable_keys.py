"""The 社区报审稿 workflow, its 主编 task and the 社区报 collection get stable keys (portal.keys)."""

from django.db import migrations


def add_keys(apps, schema_editor):
    from portal.migration_utils import set_key

    workflow = apps.get_model("wagtailcore", "Workflow").objects.filter(name="社区报审稿").first()
    task = apps.get_model("news", "ChiefApprovalTask").objects.filter(name="主编审核").first()
    collection = apps.get_model("wagtailcore", "Collection").objects.filter(name="社区报", depth=2).first()
    set_key(apps, workflow, "workflow:news-review", "wagtailcore", "workflow")
    set_key(apps, task, "task:chief-approval", "news", "chiefapprovaltask")
    set_key(apps, collection, "collection:news", "wagtailcore", "collection")


class Migration(migrations.Migration):
    dependencies = [
        ("news", "0005_chiefapprovaltask"),
        ("portal", "0006_stable_keys"),
    ]

    operations = [migrations.RunPython(add_keys, migrations.RunPython.noop)]
