from django.apps import AppConfig


class SearchConfig(AppConfig):
    """Site search: Chinese segmentation in the search backend, synonyms, the /search/ page.

    Labelled `search`; Wagtail's own search app is `wagtailsearch` and modelsearch's is
    `modelsearch`, so the label is free.
    """

    name = "portal.search"
    label = "search"
    verbose_name = "站内搜索"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from portal.page_cache.middleware import served_from_cache

        from . import hits

        served_from_cache.connect(hits.on_cached_page, dispatch_uid="search-hits")
