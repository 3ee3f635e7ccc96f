from django.apps import AppConfig
from django.db.models.signals import post_migrate


def sort_collections(sender, using="default", **kwargs):
    """Collections are kept sorted by name (node_order_by); data migrations that create one
    with a hand-made path can leave siblings out of order, which breaks the next insert."""
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    if root is None:
        return
    children = root.get_children()
    by_path = list(children.order_by("path").values_list("name", flat=True))
    by_name = list(children.order_by("name").values_list("name", flat=True))
    if by_path != by_name:
        Collection.fix_tree(fix_paths=True)


class PortalConfig(AppConfig):
    """Cross-app code: roles, site settings, base templates and forms."""

    name = "portal"
    verbose_name = "站点"

    def ready(self):
        post_migrate.connect(sort_collections, sender=self)

        from .spreadsheets import protect_wagtail_exports

        protect_wagtail_exports()
