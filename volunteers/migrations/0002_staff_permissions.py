"""社区工作人员 manage volunteers, records, periods, the rules and the 志愿服务 image collection.

Page permissions on each site's board are granted when the board is created (sections.py).
"""

from django.db import migrations

from portal.migration_utils import (
    ensure_permissions,
    grant_collection_permissions,
    grant_model_permissions,
)

STAFF = "社区工作人员"
COLLECTION_NAME = "志愿服务"
MODELS = ["volunteerteam", "volunteer", "servicerecord", "pointstransaction", "commendationperiod"]
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4


def next_child_path(parent, children):
    """treebeard's MP path for a new last child (historical models have no add_child)."""
    last = children.order_by("-path").values_list("path", flat=True).first()
    if last is None:
        return parent.path + "0001"
    value = 0
    for char in last[-STEPLEN:]:
        value = value * len(ALPHABET) + ALPHABET.index(char)
    value += 1
    digits = ""
    for _ in range(STEPLEN):
        value, rest = divmod(value, len(ALPHABET))
        digits = ALPHABET[rest] + digits
    return parent.path + digits


def get_or_create_collection(apps):
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return None
    children = Collection.objects.filter(depth=2, path__startswith=root.path)
    existing = children.filter(name=COLLECTION_NAME).first()
    if existing:
        return existing
    collection = Collection.objects.create(
        name=COLLECTION_NAME, path=next_child_path(root, children), depth=2, numchild=0
    )
    root.numchild = children.count()
    root.save(update_fields=["numchild"])
    return collection


def grant(apps, schema_editor):
    ensure_permissions(apps, "volunteers", "wagtailimages")
    codenames = [f"{action}_{model}" for model in MODELS for action in ("add", "change", "delete", "view")]
    codenames += ["view_commendationentry", "change_volunteersettings"]
    grant_model_permissions(apps, STAFF, "volunteers", codenames)
    collection = get_or_create_collection(apps)
    if collection is not None:
        grant_collection_permissions(
            apps,
            STAFF,
            collection,
            [
                ("wagtailimages", "add_image"),
                ("wagtailimages", "change_image"),
                ("wagtailimages", "choose_image"),
            ],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("volunteers", "0001_initial"),
        ("portal", "0002_roles"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
