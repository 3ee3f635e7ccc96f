"""社区工作人员 manage volunteers, records, periods and the rules. The 志愿服务 image collection
and page permissions are set up at run time (volunteers/provisioning.py)."""

from django.db import migrations

from portal.migration_utils import ensure_permissions, grant_model_permissions

STAFF = "社区工作人员"
MODELS = ["volunteerteam", "volunteer", "servicerecord", "pointstransaction", "commendationperiod"]


def grant(apps, schema_editor):
    ensure_permissions(apps, "volunteers", "wagtailimages")
    codenames = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]
    codenames += ["view_commendationentry", "change_volunteersettings"]
    grant_model_permissions(apps, STAFF, "volunteers", codenames)


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0001_initial"),
        ("portal", "0002_roles"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
