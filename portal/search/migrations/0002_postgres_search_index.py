"""On PostgreSQL, a GIN index on the expression the search backend matches, title || body.

modelsearch's PostgreSQL backend finds pages with `(title || body) @@ query` on
wagtailsearch_indexentry (a table Wagtail owns); its own GIN indexes cover each column alone,
so without this one every search (the /search/ page and the admin's) scans the whole table.

Until the search app existed, portal/0005 created this index; IF NOT EXISTS leaves such a
database's index as it is, under the same name.
"""

from django.db import migrations

INDEX = "portal_indexentry_title_body_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailsearch_indexentry USING gin ((title || body))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0001_initial"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
