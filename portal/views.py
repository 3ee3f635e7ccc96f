from django.db.models import F
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.models import Page, Site

# Pages listed under each section of the HTML site map: indexes first, then the newest.
SITE_MAP_CHILDREN = 10


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    """Allow the public site, keep crawlers out of the admin, point to the sitemap at the site's
    configured address (the one every page's canonical URL uses)."""
    site = Site.find_for_request(request)
    root = site.root_url if site else request.build_absolute_uri("/").rstrip("/")
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Allow: /",
        f"Sitemap: {root}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@require_GET
def site_map(request):
    """网站地图 for people: each section of this community's site and its main pages.

    One query for the sections and one per section, whatever the size of the archive."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    live = Page.objects.live().public().only("title", "url_path", "path", "depth", "numchild")
    sections = []
    for section in live.child_of(site.root_page).filter(show_in_menus=True).order_by("path"):
        children = list(
            live.child_of(section).order_by(
                F("numchild").desc(), F("first_published_at").desc(nulls_last=True), "-path"
            )[: SITE_MAP_CHILDREN + 1]
        )
        sections.append(
            {
                "page": section,
                "children": children[:SITE_MAP_CHILDREN],
                "more": len(children) > SITE_MAP_CHILDREN,
            }
        )
    return TemplateResponse(request, "portal/site_map.html", {"home": site.root_page, "sections": sections})
