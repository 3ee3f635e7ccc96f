"""Moved: the PostgreSQL index on the search index table is created by the search app
(portal/search/migrations/0002_postgres_search_index.py), with IF NOT EXISTS, so databases
that ran the earlier version of this migration keep their index. Kept empty so that the
migrations depending on it still resolve."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_default_synonyms"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = []
