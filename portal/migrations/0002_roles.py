"""Create the portal's five roles; site administrators get the whole tree and the users."""

from django.db import migrations

from portal.migration_utils import (
    ensure_permissions,
    grant_collection_permissions,
    grant_model_permissions,
    grant_page_permissions,
)

ROLES = ["居民编辑", "主编", "社区工作人员", "监委会", "站点管理员"]
SITE_ADMINS = "站点管理员"


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    ensure_permissions(apps, "portal", "auth", "wagtailcore", "wagtailimages", "wagtaildocs")

    # Wagtail's sample groups are in English and overlap our roles: drop them if unused.
    for name in ("Editors", "Moderators"):
        Group.objects.filter(name=name, user__isnull=True).delete()

    for name in ROLES:
        Group.objects.get_or_create(name=name)
        grant_model_permissions(apps, name, "wagtailadmin", ["access_admin"])

    root = Page.objects.filter(depth=1).first()
    if root is not None:
        grant_page_permissions(
            apps,
            SITE_ADMINS,
            root,
            ["add_page", "change_page", "publish_page", "bulk_delete_page", "lock_page", "unlock_page"],
        )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        grant_collection_permissions(
            apps,
            SITE_ADMINS,
            root_collection,
            [
                (app, f"{action}_{model}")
                for app, model in (("wagtailimages", "image"), ("wagtaildocs", "document"))
                for action in ("add", "change", "delete", "choose")
            ]
            + [("wagtailcore", f"{a}_collection") for a in ("add", "change", "delete")],
        )
    grant_model_permissions(apps, SITE_ADMINS, "auth", ["add_user", "change_user", "delete_user"])
    grant_model_permissions(apps, SITE_ADMINS, "portal", ["change_communitysettings"])


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
