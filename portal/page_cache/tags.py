"""Which versions a page served through Wagtail follows (see keys.py)."""

from . import keys


def page_cache_tags(page, request, serve_args, serve_kwargs):
    """`before_serve_page` hook: name the served page's versions for the page cache."""
    request.page_cache_tags = keys.page_tags(page)
