"""Adapters for data migrations: group names and the historical `apps` registry in, the one set
of permission helpers (portal.provisioning) doing the work."""

from django.contrib.auth.management import create_permissions

from portal import provisioning


def ensure_permissions(apps, *app_labels):
    """Create model permissions now; Django otherwise adds them only after all migrations."""
    for label in app_labels:
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)


def _group(apps, name):
    return apps.get_model("auth", "Group").objects.get(name=name)


def grant_model_permissions(apps, group_name, app_label, codenames):
    """Add `app_label.codename` permissions to the group."""
    provisioning.grant_model_permissions(
        _group(apps, group_name), [f"{app_label}.{c}" for c in codenames], apps=apps
    )


def grant_page_permissions(apps, group_name, page, codenames):
    """Give the group page permissions (add_page, change_page, publish_page, ...) on a subtree."""
    provisioning.grant_page_permissions(_group(apps, group_name), page, codenames, apps=apps)


def grant_collection_permissions(apps, group_name, collection, perms):
    """Give the group collection permissions, e.g. ("wagtailimages", "add_image")."""
    provisioning.grant_collection_permissions(
        _group(apps, group_name), collection, [f"{app}.{codename}" for app, codename in perms], apps=apps
    )


def set_key(apps, obj, key, app_label, model):
    """Register `obj` (a historical model instance, or None) under a shared stable key."""
    if obj is None:
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    apps.get_model("portal", "StableKey").objects.get_or_create(
        key=key, site=None, defaults={"content_type": content_type, "object_id": obj.pk}
    )


def rename_struct_child(app_label, model_name, field_name, block_path, old_name, new_name):
    """A data migration renaming a StructBlock child in every row and every revision, reversibly.

    Wagtail's MigrateStreamData rewrites rows and revisions but cannot go back; the reverse is
    a second one with the names swapped. Renaming an absent child changes nothing (idempotent).
    """
    from django.db.migrations import RunPython
    from wagtail.blocks.migrations.migrate_operation import MigrateStreamData
    from wagtail.blocks.migrations.operations import RenameStructChildrenOperation

    def rename(old, new):
        operation = RenameStructChildrenOperation(old_name=old, new_name=new)
        return MigrateStreamData(app_label, model_name, field_name, [(operation, block_path)]).code

    return RunPython(rename(old_name, new_name), rename(new_name, old_name))
