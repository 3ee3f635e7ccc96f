"""社区工作人员 see the import batches (and undo them: that needs delete_servicerecord, which they have)."""

from django.db import migrations

from portal.migration_utils import ensure_permissions, grant_model_permissions

STAFF = "社区工作人员"


def grant(apps, schema_editor):
    ensure_permissions(apps, "volunteers")
    grant_model_permissions(apps, STAFF, "volunteers", ["view_importbatch"])


class Migration(migrations.Migration):
    dependencies = [("volunteers", "0003_import_batches")]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
