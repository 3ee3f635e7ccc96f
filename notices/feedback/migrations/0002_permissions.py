"""The feedback permissions exist before provisioning grants them (it runs right after migrate,
before Django would create them)."""

from django.db import migrations

from portal.migration_utils import ensure_permissions


def create_permissions(apps, schema_editor):
    ensure_permissions(apps, "feedback")


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial")]

    operations = [migrations.RunPython(create_permissions, migrations.RunPython.noop)]
