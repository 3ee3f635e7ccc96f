"""Helpers for data migrations that give roles their permissions.

They take the historical `apps` registry so every app's migrations can call them.
"""

from django.contrib.auth.management import create_permissions


def ensure_permissions(apps, *app_labels):
    """Create model permissions now; Django otherwise adds them only after all migrations."""
    for label in app_labels:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)


def get_permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def grant_model_permissions(apps, group_name, app_label, codenames):
    """Add `app_label.codename` permissions to the group."""
    Group = apps.get_model("auth", "Group")
    group = Group.objects.get(name=group_name)
    for codename in codenames:
        group.permissions.add(get_permission(apps, app_label, codename))


def grant_page_permissions(apps, group_name, page, codenames):
    """Give the group page permissions (add_page, change_page, publish_page, ...) on a subtree."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group = Group.objects.get(name=group_name)
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=get_permission(apps, "wagtailcore", codename)
        )


def grant_collection_permissions(apps, group_name, collection, perms):
    """Give the group collection permissions, e.g. ("wagtailimages", "add_image")."""
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    group = Group.objects.get(name=group_name)
    for app_label, codename in perms:
        GroupCollectionPermission.objects.get_or_create(
            group=group,
            collection=collection,
            permission=get_permission(apps, app_label, codename),
        )
