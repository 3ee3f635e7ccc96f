"""Stable keys: find what the portal set up (groups, workflows, tasks, collections) without
relying on names an editor may change in the admin."""

from django.contrib.contenttypes.models import ContentType

from .models import StableKey


def keyed(model, key, site=None, fallback=True):
    """The `model` instance registered under `key` for `site`, or None. The shared objects (keyed
    without a site) are the default community's: with `fallback`, the default site gets them;
    another community never does (its own come from add_community)."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    entry = StableKey.objects.filter(key=key, site=site, content_type=content_type).first()
    if entry is None and site is not None and fallback and site.is_default_site:
        entry = StableKey.objects.filter(key=key, site=None, content_type=content_type).first()
    if entry is None:
        return None
    return model._default_manager.filter(pk=entry.object_id).first()


def set_key(obj, key, site=None):
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    StableKey.objects.update_or_create(
        key=key, site=site, defaults={"content_type": content_type, "object_id": obj.pk}
    )
    return obj


def keyed_or_create(model, key, create, site=None, fallback=True):
    """The keyed instance, or `create()`'s result registered under `key`."""
    obj = keyed(model, key, site=site, fallback=fallback)
    return obj if obj is not None else set_key(create(), key, site=site)


def keys_of(objects, prefix=""):
    """{object pk: key} for objects of one model that have keys starting with `prefix`."""
    objects = list(objects)
    if not objects:
        return {}
    content_type = ContentType.objects.get_for_model(objects[0], for_concrete_model=False)
    rows = StableKey.objects.filter(
        content_type=content_type, object_id__in=[o.pk for o in objects], key__startswith=prefix
    ).values_list("object_id", "key")
    return dict(rows)
