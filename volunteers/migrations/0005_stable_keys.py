"""The 志愿服务 collection gets its stable key (portal.keys); new installs create it at run time."""

from django.db import migrations


def add_keys(apps, schema_editor):
    from portal.migration_utils import set_key

    collection = apps.get_model("wagtailcore", "Collection").objects.filter(name="志愿服务", depth=2).first()
    set_key(apps, collection, "collection:volunteers", "wagtailcore", "collection")


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0004_staff_view_import_batches"),
        ("portal", "0006_stable_keys"),
    ]

    operations = [migrations.RunPython(add_keys, migrations.RunPython.noop)]
