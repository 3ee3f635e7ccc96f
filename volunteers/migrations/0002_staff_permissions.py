"""社区工作人员 manage volunteers, records, periods, the rules and the 志愿服务 image collection.

Page permissions on each site's board are granted when the board is created (sections.py).
"""

from django.db import migrations

from portal.migration_utils import (
    get_or_create_collection,
    ensure_permissions,
    grant_collection_permissions,
    grant_model_permissions,
)

STAFF = "社区工作人员"
COLLECTION_NAME = "志愿服务"
MODELS = ["volunteerteam", "volunteer", "servicerecord", "pointstransaction", "commendationperiod"]


def grant(apps, schema_editor):
    ensure_permissions(apps, "volunteers", "wagtailimages")
    codenames = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]
    codenames += ["view_commendationentry", "change_volunteersettings"]
    grant_model_permissions(apps, STAFF, "volunteers", codenames)
    collection = get_or_create_collection(apps, COLLECTION_NAME)
    if collection is not None:
        grant_collection_permissions(
            apps,
            STAFF,
            collection,
            [
                ("wagtailimages", "add_image"),
                ("wagtailimages", "change_image"),
                ("wagtailimages", "choose_image"),
            ],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0001_initial"),
        ("portal", "0002_roles"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
