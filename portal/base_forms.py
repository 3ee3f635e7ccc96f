"""Base admin forms for everything residents see: no personal numbers in any text field."""

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from portal.communities_admin import CommunityFormMixin
from portal.personal_data import PersonalDataFormMixin


class PortalPageForm(PersonalDataFormMixin, WagtailAdminPageForm):
    """The base form of every page type."""


class CommunityModelForm(CommunityFormMixin, WagtailAdminModelForm):
    """The base form of a community's private records (volunteers, periods): only the user's own
    communities to choose from."""


class PublicModelForm(CommunityFormMixin, PersonalDataFormMixin, WagtailAdminModelForm):
    """The base form of snippets and settings that residents see (funds, columns, teams, contacts):
    no personal numbers, and only the user's own communities to choose from."""
