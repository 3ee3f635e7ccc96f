"""Base admin forms for everything residents see: no personal numbers in any text field."""

from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm

from portal.personal_data import PersonalDataFormMixin


class PortalPageForm(PersonalDataFormMixin, WagtailAdminPageForm):
    """The base form of every page type."""


class PublicModelForm(PersonalDataFormMixin, WagtailAdminModelForm):
    """The base form of snippets and settings that residents see (funds, columns, teams, contacts)."""
