"""The community site's home page."""

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from portal.base_forms import PortalPageForm
from portal.review.permissions import PublicRecordsPermissionTester

from .sections import collect_sections, section_stylesheets


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

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = collect_sections(request, self)
        context["section_stylesheets"] = section_stylesheets(context["sections"])
        return context
