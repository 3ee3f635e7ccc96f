"""The sub-district's roles: 街道管理员 (reads every community, manages accounts) and 街道监督
(reads everything, approves nothing), keyed like the community roles."""

from django.db import migrations

from portal.migration_utils import ensure_permissions, grant_model_permissions, set_key

DISTRICT_ROLES = {"district_admin": "街道管理员", "district_supervisor": "街道监督"}


def create_district_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ensure_permissions(apps, "auth")
    for key, name in DISTRICT_ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        set_key(apps, group, f"role:{key}", "auth", "group")
        grant_model_permissions(apps, name, "wagtailadmin", ["access_admin"])
    grant_model_permissions(apps, "街道管理员", "auth", ["add_user", "change_user"])


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0007_search_synonym_moved"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_district_roles, migrations.RunPython.noop)]
