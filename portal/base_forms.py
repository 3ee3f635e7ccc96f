"""Base admin forms for everything residents see: no personal numbers in any text field."""

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from portal.communities_admin import CommunityFormMixin
from portal.personal_data import PersonalDataFormMixin
from portal.slugs import ascii_slug, available_slug


class PortalPageForm(PersonalDataFormMixin, WagtailAdminPageForm):
    """The base form of every page type. The slug may be left empty or typed in Chinese: it is
    saved as pinyin (portal.slugs), never percent-encoded."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields[
                "slug"
            ].help_text = "网址里的名字，只用字母、数字和横线；不填或填中文都会自动转成拼音。"

    def clean_slug(self):
        slug = (self.cleaned_data.get("slug") or "").strip()
        if slug and slug.isascii():
            return slug
        title = self.cleaned_data.get("title") or self.data.get("title") or ""
        return available_slug(ascii_slug(slug or title), self.parent_page, self.instance)


class CommunityModelForm(CommunityFormMixin, WagtailAdminModelForm):
    """The base form of a community's private records (volunteers, periods): only the user's own
    communities to choose from."""


class PublicModelForm(CommunityFormMixin, PersonalDataFormMixin, WagtailAdminModelForm):
    """The base form of snippets and settings that residents see (funds, columns, teams, contacts):
    no personal numbers, and only the user's own communities to choose from."""
