"""The 财务公开审核 workflow and its committee task get stable keys (portal.keys)."""

from django.db import migrations


def add_keys(apps, schema_editor):
    from portal.migration_utils import set_key

    workflow = apps.get_model("wagtailcore", "Workflow").objects.filter(name="财务公开审核").first()
    task = apps.get_model("notices", "CommitteeApprovalTask").objects.filter(name="监委会审核").first()
    set_key(apps, workflow, "workflow:finance-review", "wagtailcore", "workflow")
    set_key(apps, task, "task:committee-approval", "notices", "committeeapprovaltask")


class Migration(migrations.Migration):
    dependencies = [
        ("notices", "0003_review_records"),
        ("portal", "0006_stable_keys"),
    ]

    operations = [migrations.RunPython(add_keys, migrations.RunPython.noop)]
