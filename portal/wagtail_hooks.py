from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from portal.models import SearchSynonym


class SearchSynonymViewSet(SnippetViewSet):
    model = SearchSynonym
    icon = "search"
    menu_label = "搜索同义词"
    add_to_admin_menu = False
    list_display = ["__str__"]
    search_fields = ["terms"]


register_snippet(SearchSynonymViewSet)
