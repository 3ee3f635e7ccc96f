"""Take SearchSynonym over from the `portal` app, keeping the table and its rows.

portal/0003 created the table `portal_searchsynonym` and portal/0004 filled it with the default
synonyms and gave staff their permissions; those stay in portal's history, since databases
have applied them under that name. Here the model enters this app's state without touching the
database, the table is renamed to this app's name, and the content type follows, so the
permissions granted on it (and admin log entries) keep pointing at the model. portal/0006 then
drops the model from portal's state.
"""

from django.db import migrations, models

OLD_LABEL = "portal"
NEW_LABEL = "search"


def move_content_type(old, new):
    def move(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        ContentType.objects.using(schema_editor.connection.alias).filter(
            app_label=old, model="searchsynonym"
        ).update(app_label=new)

    return move


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("portal", "0005_postgres_search_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SearchSynonym",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                            ),
                        ),
                        (
                            "terms",
                            models.CharField(
                                help_text="两个或以上的词，用顿号或逗号分隔，例如：物业费、物业管理费",
                                max_length=200,
                                verbose_name="同义词",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "搜索同义词",
                        "verbose_name_plural": "搜索同义词",
                        "ordering": ["terms"],
                        "db_table": "portal_searchsynonym",
                    },
                ),
            ],
            database_operations=[],
        ),
        # Back to the default table name, search_searchsynonym: a real rename.
        migrations.AlterModelTable(name="SearchSynonym", table=None),
        migrations.RunPython(move_content_type(OLD_LABEL, NEW_LABEL), move_content_type(NEW_LABEL, OLD_LABEL)),
    ]
