"""SearchSynonym now belongs to the `search` app (portal/search/migrations/0001); its table
was renamed there, so portal only forgets the model."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0006_stable_keys"),
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SearchSynonym")],
            database_operations=[],
        ),
    ]
