"""One way to page a public list: `paginate` in the view, includes/pagination.html in the template.

The include's links come from Django's `{% querystring %}`, so a filtered list (category, year,
team, search words) keeps its filters from page to page.

`paginate_from_keys` is the same for long lists: page N starts from the sort key of its first
row, kept by the caller (e.g. in `site_memo`), instead of an OFFSET that walks every row before it.
"""

from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.utils.functional import SimpleLazyObject

from portal.params import page_number


def paginate(request, items, per_page):
    """The page of `items` that `?page=` asks for: the first for odd input, the last when too high."""
    return Paginator(items, per_page).get_page(page_number(request))


def page_starts(queryset, order, per_page):
    """(row count, the sort key of the first row of every page) of `queryset` in `order`."""
    keys = list(queryset.order_by(*order).values_list(*(name.lstrip("-") for name in order)))
    return len(keys), keys[::per_page]


def _from_key(order, key):
    """Rows at or after `key` in `order`: the first field as a plain range (so an index on it
    is used), ties broken by the next fields."""
    name, descending = order[0].lstrip("-"), order[0].startswith("-")
    closed = Q(**{f"{name}__{'lte' if descending else 'gte'}": key[0]})
    if len(order) == 1:
        return closed
    return closed & (Q(**{f"{name}__{'lt' if descending else 'gt'}": key[0]}) | _from_key(order[1:], key[1:]))


def paginate_from_keys(request, queryset, order, per_page, starts, *, lazy=False):
    """Like `paginate`, in one LIMIT query at any depth. `order` ends with a unique field;
    `starts` is `page_starts(queryset, order, per_page)`, computed once and kept while the rows
    stay the same. `lazy`: the query runs only when the rows are first read (a template whose
    list is already rendered in a {% sitecache %} fragment never reads them)."""
    count, keys = starts
    paginator = Paginator(range(count), per_page)
    number = paginator.get_page(page_number(request)).number

    def rows():
        if not count:
            return []
        return list(queryset.filter(_from_key(order, keys[number - 1])).order_by(*order)[:per_page])

    return Page(SimpleLazyObject(rows) if lazy else rows(), number, paginator)
