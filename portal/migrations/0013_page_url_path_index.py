"""An index on wagtailcore_page.url_path: routing under a home page (home/routing.py) finds every
page of a request's path by url_path in one query, which without it reads every page of every site.
Wagtail does not index the column; IF NOT EXISTS keeps the migration safe to re-run."""

from django.db import migrations

INDEX = "portal_page_url_path_idx"


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0012_default_workflow_in_chinese"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (url_path)",
            f"DROP INDEX IF EXISTS {INDEX}",
        )
    ]
