"""The community site's home page."""

from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail.search import index

from portal import elder
from portal.base_forms import PortalPageForm
from portal.page_cache.memo import site_memo
from portal.review.permissions import PublicRecordsPermissionTester

from .routing import route_below
from .sections import collect_district_items, collect_sections, section_stylesheets


class HomePage(Page):
    """One per community site: a welcome and the latest of every section."""

    base_form_class = PortalPageForm

    intro = RichTextField("欢迎语", blank=True, features=["bold", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = "首页"
        verbose_name_plural = "首页"

    def permissions_for_user(self, user):
        return PublicRecordsPermissionTester(user, self)

    def route(self, request, path_components):
        result = route_below(self, request, path_components)
        return super().route(request, path_components) if result is None else result

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections_html"], context["section_stylesheets"] = self._sections(request)
        return context

    def _sections(self, request):
        """The sections, rendered: (html, stylesheets). Every visitor sees the same sections, so
        the live home page keeps them in the shared cache until anything on its site is written
        (and at most until midnight: what is in its 公示期 changes with the day)."""

        def render():
            sections = collect_sections(request, self)
            html = render_to_string("home/sections.html", {"sections": sections, "page": self}, request)
            return html, section_stylesheets(sections)

        site = Site.find_for_request(request)
        if (
            request.method not in ("GET", "HEAD")
            or getattr(request, "is_preview", False)
            or site is None
            or site.root_page_id != self.pk
        ):
            return render()
        name = f"home-sections:{int(elder.is_elder_mode(request))}"
        html, stylesheets = site_memo(site.pk, name, render, daily=True)
        return mark_safe(html), stylesheets  # noqa: S308 - our own rendered template


class SubDistrictPage(Page):
    """The sub-district's (街道) own public home, at its own hostname: its communities, each
    with its latest notices. Communities belong to it when their 社区信息 name it as 所属街道."""

    base_form_class = PortalPageForm

    intro = RichTextField("简介", blank=True, features=["bold", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = []
    # Its site is the sub-district's, not a community's (portal.district).
    is_district_home = True

    class Meta:
        verbose_name = "街道首页"
        verbose_name_plural = "街道首页"

    def permissions_for_user(self, user):
        return PublicRecordsPermissionTester(user, self)

    def communities(self):
        """(site, community name) of the sites whose settings name this sub-district, by name."""
        from portal.models import CommunitySettings

        rows = (
            CommunitySettings.objects.filter(sub_district=self.title)
            .exclude(site__root_page=self)
            .select_related("site__root_page")
            .order_by("community_name")
        )
        return [(row.site, row.community_name) for row in rows]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        communities = self.communities()
        latest = collect_district_items(request, [site for site, _ in communities])
        context["communities"] = [(site, name, latest.get(site.pk, [])) for site, name in communities]
        return context
