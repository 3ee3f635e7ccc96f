"""The sitemap: Wagtail's, with the two facts pages ask about their neighbours annotated in its
one listing query, so /sitemap.xml costs the same for 2 issues or 900, and the same for one
page type or twenty.

A page's `get_sitemap_urls` may read `sitemap_parent_live` (its parent is live) and
`sitemap_has_live_children` (it has a live child without a view restriction of its own);
news issues and articles do, to stay out of the sitemap until readers can open them.
"""

from django.db.models import Exists, OuterRef, Value
from django.db.models.functions import Concat, Substr
from django.http import HttpResponse
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.models import Page, PageViewRestriction, Site

from portal.page_cache.memo import site_memo


class PortalSitemap(Sitemap):
    def items(self):
        parent = Page.objects.filter(
            path=Substr(OuterRef("path"), 1, (OuterRef("depth") - 1) * Page.steplen), live=True
        )
        # A range on the indexed path, not `LIKE 'path%'` (SQLite's LIKE cannot use the index):
        # each page's question is one index seek, not a scan of every page.
        open_children = Page.objects.filter(
            path__gt=OuterRef("path"),
            path__lte=Concat(OuterRef("path"), Value("Z" * Page.steplen)),
            depth=OuterRef("depth") + 1,
            live=True,
        ).exclude(Exists(PageViewRestriction.objects.filter(page=OuterRef("pk"))))
        # Specific classes without their own fields (defer=True): no query per page type, since
        # no page's sitemap entry reads a field of its own.
        return (
            self.get_wagtail_site()
            .root_page.get_descendants(inclusive=True)
            .live()
            .public()
            .order_by("path")
            .annotate(sitemap_parent_live=Exists(parent), sitemap_has_live_children=Exists(open_children))
            .specific(defer=True)
        )


def sitemap_xml(request):
    """/sitemap.xml, rendered once per site until anything on it is written: at ten thousand
    pages rendering it takes seconds, and it is the same for every visitor."""
    site = Site.find_for_request(request)
    if site is None:
        return sitemap(request, sitemaps=SITEMAPS)

    def render():
        response = sitemap(request, sitemaps=SITEMAPS)
        response.render()
        return response.content, dict(response.items())

    content, headers = site_memo(site.pk, "sitemap.xml", render)
    response = HttpResponse(content)
    for name, value in headers.items():
        response[name] = value
    return response


SITEMAPS = {"wagtail": PortalSitemap}
