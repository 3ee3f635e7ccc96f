"""One way to page a public list: `paginate` in the view, includes/pagination.html in the template.

The include's links come from Django's `{% querystring %}`, so a filtered list (category, year,
team, search words) keeps its filters from page to page.
"""

from django.core.paginator import Paginator

from portal.params import page_number


def paginate(request, items, per_page):
    """The page of `items` that `?page=` asks for: the first for odd input, the last when too high."""
    return Paginator(items, per_page).get_page(page_number(request))
