from django.http import HttpResponsePermanentRedirect
from django.urls import re_path, reverse
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = "搜索同义词"
    add_to_admin_menu = False
    list_display = ["__str__"]
    search_fields = ["terms"]


register_snippet(SearchSynonymViewSet)


def moved_synonym_page(request, rest):
    """Bookmarks of the synonyms' admin pages from before search was its own app."""
    url = reverse(SearchSynonym.snippet_viewset.get_url_name("list")) + rest
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


@hooks.register("register_admin_urls")
def old_synonym_urls():
    return [re_path(r"^snippets/portal/searchsynonym/(?P<rest>.*)$", moved_synonym_page)]
