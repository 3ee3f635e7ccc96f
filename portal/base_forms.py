"""Base admin forms for everything residents see: no personal numbers in any text field."""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from wagtail.admin.forms import WagtailAdminModelForm, WagtailAdminPageForm
from wagtail.admin.panels import get_edit_handler

from portal.communities_admin import CommunityFormMixin
from portal.personal_data import PersonalDataFormMixin
from portal.slugs import ascii_slug, available_slug

BLOCK_ERRORS_MESSAGE = "有区块需要修改，请看下面标红的地方。"


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

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self._errors:
            # Wagtail's message at the top lists the errors only when there is a non-field one:
            # each hint names the tab and fields, so an error on a hidden tab is seen.
            for hint in self.tab_hints():
                self._errors.setdefault(NON_FIELD_ERRORS, self.error_class(error_class="nonfield")).append(
                    hint
                )
            self.word_block_errors()

    def word_block_errors(self):
        """A stream, list or struct block's error says "Validation error in StreamBlock" (a fixed
        English text in Wagtail 8.0); the list at the top shows it, so say it in Chinese. The
        errors of each block, shown in place, are untouched."""
        for errors in self._errors.values():
            for error in getattr(errors, "data", []):
                if isinstance(error, ValidationError) and str(getattr(error, "message", "")).startswith(
                    "Validation error in "
                ):
                    error.message = BLOCK_ERRORS_MESSAGE

    def tab_hints(self):
        """'请到“推荐”标签页修改：缩略名。' for each tab holding a field or formset with errors."""
        model = type(self.instance)
        handler = model.get_edit_handler() if hasattr(model, "get_edit_handler") else get_edit_handler(model)
        tabs = handler.children
        hints = []
        for tab in tabs:
            options = tab.get_form_options()
            names = [str(self[name].label) for name in options.get("fields", []) if name in self._errors]
            for name in options.get("formsets", {}):
                formset = self.formsets.get(name)
                if formset is not None and (any(formset.errors) or formset.non_form_errors()):
                    names.append(str(formset.model._meta.verbose_name_plural))
            if names and tab.heading:
                hints.append(f"请到“{tab.heading}”标签页修改：{'、'.join(names)}。")
        return hints

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
