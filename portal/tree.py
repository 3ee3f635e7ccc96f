"""Page-tree filters that use the index on `path`.

Wagtail's `child_of`/`descendant_of` filter with `path LIKE 'prefix%'`, which SQLite answers
only by reading every page of every site; treebeard's own interval (the first and last possible
child path) is a range the unique index on `path` answers directly, whatever the tree's size.
"""

from django.db.models import Q
from wagtail.models import Page


def below(page):
    """Q for the descendants of `page` (not the page itself)."""
    return Q(path__range=Page._get_children_path_interval(page.path))


def children(page):
    """Q for the children of `page`."""
    return below(page) & Q(depth=page.depth + 1)
