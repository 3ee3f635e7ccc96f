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


# treebeard's materialised-path alphabet and step length for Wagtail collections.
PATH_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
PATH_STEPLEN = 4


def _next_child_path(parent, children):
    """treebeard's path for a new last child (historical models have no add_child)."""
    last = children.order_by("-path").values_list("path", flat=True).first()
    if last is None:
        return parent.path + "0001"
    value = 0
    for char in last[-PATH_STEPLEN:]:
        value = value * len(PATH_ALPHABET) + PATH_ALPHABET.index(char)
    value += 1
    digits = ""
    for _ in range(PATH_STEPLEN):
        value, rest = divmod(value, len(PATH_ALPHABET))
        digits = PATH_ALPHABET[rest] + digits
    return parent.path + digits


def get_or_create_collection(apps, name):
    """A collection under the root, created once. Siblings are put back in name order after
    migrating (portal.apps.sort_collections), as Wagtail keeps them."""
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return None
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    existing = children.filter(name=name).first()
    if existing:
        return existing
    collection = Collection.objects.create(
        name=name, path=_next_child_path(root, children), depth=2, numchild=0
    )
    root.numchild = children.count()
    root.save(update_fields=["numchild"])
    return collection
