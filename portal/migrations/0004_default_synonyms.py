"""Everyday synonyms residents search with, and who may edit synonyms and promotions."""

from django.db import migrations

from portal.migration_utils import ensure_permissions, grant_model_permissions

DEFAULT_SYNONYMS = [
    "物业费、物业管理费",
    "党费、党费收缴",
    "维修基金、维修资金、专项维修资金",
    "监委会、居务监督委员会、监督委员会",
    "快报、社区快报",
    "长辈版、大字版、关怀版、适老化",
    "义工、志愿者",
    "好人榜、中国好人",
]
EDITORS_OF_SEARCH = ["社区工作人员", "站点管理员"]


def create(apps, schema_editor):
    SearchSynonym = apps.get_model("portal", "SearchSynonym")
    for terms in DEFAULT_SYNONYMS:
        SearchSynonym.objects.get_or_create(terms=terms)
    ensure_permissions(apps, "portal", "wagtailsearchpromotions")
    for group in EDITORS_OF_SEARCH:
        grant_model_permissions(
            apps, group, "portal", ["add_searchsynonym", "change_searchsynonym", "delete_searchsynonym"]
        )
        grant_model_permissions(
            apps,
            group,
            "wagtailsearchpromotions",
            ["add_searchpromotion", "change_searchpromotion", "delete_searchpromotion"],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0003_search_synonym"),
        ("portal", "0002_roles"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
