"""The sitemap: Wagtail's, with the two facts pages ask about their neighbours annotated in its
one listing query, so /sitemap.xml costs the same for 2 issues or 900.

A page's `get_sitemap_urls` may read `sitemap_parent_live` (its parent is live) and
`sitemap_has_live_children` (it has a live child without a view restriction of its own);
news issues and articles do, to stay out of the sitemap until readers can open them.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Substr
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page, PageViewRestriction


class PortalSitemap(Sitemap):
    def items(self):
        parent = Page.objects.filter(
            path=Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * Page.steplen), live=True
        )
        open_children = Page.objects.filter(
            path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1, live=True
        ).exclude(Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
        return (
            super()
            .items()
            .annotate(sitemap_parent_live=Exists(parent), sitemap_has_live_children=Exists(open_children))
        )
