"""Stable keys, and the five role groups keyed so that renaming them changes nothing."""

import django.db.models.deletion
from django.db import migrations, models

ROLE_GROUPS = {
    "resident_editor": "居民编辑",
    "chief": "主编",
    "staff": "社区工作人员",
    "committee": "监委会",
    "site_admin": "站点管理员",
}


def key_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    StableKey = apps.get_model("portal", "StableKey")
    content_type, _ = ContentType.objects.get_or_create(app_label="auth", model="group")
    for role, name in ROLE_GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        StableKey.objects.get_or_create(
            key=f"role:{role}", site=None, defaults={"content_type": content_type, "object_id": group.pk}
        )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0005_postgres_search_index"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.CreateModel(
            name="StableKey",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=80, verbose_name="键")),
                ("object_id", models.PositiveBigIntegerField()),
                (
                    "content_type",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="contenttypes.contenttype"
                    ),
                ),
                (
                    "site",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="+",
                        to="wagtailcore.site",
                        verbose_name="站点",
                    ),
                ),
            ],
            options={"verbose_name": "稳定键", "verbose_name_plural": "稳定键"},
        ),
        migrations.AddConstraint(
            model_name="stablekey",
            constraint=models.UniqueConstraint(fields=("key", "site"), name="portal_stable_key_per_site"),
        ),
        migrations.AddConstraint(
            model_name="stablekey",
            constraint=models.UniqueConstraint(
                condition=models.Q(site__isnull=True), fields=("key",), name="portal_stable_key_shared"
            ),
        ),
        migrations.RunPython(key_role_groups, migrations.RunPython.noop),
    ]
