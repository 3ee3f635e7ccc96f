"""What the site search finds, by type: each app registers its own through a Wagtail hook.

An app's wagtail_hooks.py registers a function for `register_search_result_types`; it takes no
arguments and returns a list of `ResultType`s:

    @hooks.register("register_search_result_types")
    def search_result_types():
        return [ResultType("notice", "公告", models=[NoticePage])]

A type is either
- page models: the search page offers it as a filter and labels those pages' results with it;
- or a source of results that are not pages: `search(site, query, terms)` gets the site, the
  query (synonyms included) and the words to highlight, and returns a few dicts with "url",
  "title" and "snippet" (highlighted with `portal.search.query.snippet`). They are shown above
  the page results on the first page, or alone when residents filter by that type.

The filter lists types in registration order (INSTALLED_APPS order, then each list's order).
"""

from collections.abc import Callable
from dataclasses import dataclass

from wagtail import hooks

HOOK_NAME = "register_search_result_types"
OTHER_LABEL = "页面"


@dataclass(frozen=True)
class ResultType:
    key: str
    label: str
    models: tuple | list = ()  # page model classes
    search: Callable | None = None  # for results that are not pages


def result_types():
    """The registered types, the first of each key."""
    by_key = {}
    for register in hooks.get_hooks(HOOK_NAME):
        for result_type in register():
            by_key.setdefault(result_type.key, result_type)
    return list(by_key.values())


def label_for(model, types):
    """The label of the type pages of `model` belong to, or a plain 页面."""
    for result_type in types:
        if model in result_type.models:
            return result_type.label
    return OTHER_LABEL
