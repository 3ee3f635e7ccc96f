"""The newspaper editor's forms: issue numbers stay unique, articles offer their own columns."""

from django import forms
from django.utils import timezone

from portal.base_forms import PortalPageForm

from .models.snippets import Column


class IssuePageForm(PortalPageForm):
    """Refuses an issue number (or running number) the publication already has."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "title" in self.fields:
            self.fields["title"].help_text = "例如：第12期；读者在目录和往期列表里看到这个标题。"

    def clean(self):
        cleaned_data = super().clean()
        parent = self.parent_page
        if parent is None:
            return cleaned_data
        siblings = type(self.instance).objects.child_of(parent)
        if self.instance.pk:
            siblings = siblings.exclude(pk=self.instance.pk)
        number = cleaned_data.get("number")
        if number is not None:
            clash = siblings.filter(number=number).first()
            if clash:
                self.add_error(
                    "number",
                    forms.ValidationError(
                        f"《{parent.title}》已经有第{number}期了（“{clash.title}”），请换一个期号。",
                        code="duplicate_number",
                    ),
                )
        total = cleaned_data.get("total_number")
        if total is not None:
            clash = siblings.filter(total_number=total).first()
            if clash:
                self.add_error(
                    "total_number",
                    forms.ValidationError(
                        f"《{parent.title}》已经有总第{total}期了（“{clash.title}”），请检查总期号。",
                        code="duplicate_total_number",
                    ),
                )
        return cleaned_data


class ArticlePageForm(PortalPageForm):
    """Offers only the columns of the article's own publication."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        issue = self.parent_page.specific if self.parent_page else None
        publication = issue.get_parent() if issue else None
        # A new article of a scheduled issue goes out with it by default.
        if (
            not self.instance.pk
            and not self.instance.go_live_at
            and issue is not None
            and issue.go_live_at
            and issue.go_live_at > timezone.now()
            and "go_live_at" in self.fields
        ):
            self.initial["go_live_at"] = issue.go_live_at
        if "column" in self.fields:
            queryset = Column.objects.filter(publication__pk=getattr(publication, "pk", None))
            self.fields["column"].queryset = queryset
            self.fields["column"].widget = forms.Select(choices=self.fields["column"].choices)
            self.fields["column"].empty_label = "（不分栏目）"
        if "correspondents" in self.fields:
            site = self.parent_page.get_site() if self.parent_page else None
            if site is not None:  # only this community's correspondents
                self.fields["correspondents"].queryset = self.fields["correspondents"].queryset.filter(
                    site=site
                )
            self.fields["correspondents"].widget = forms.CheckboxSelectMultiple(
                choices=self.fields["correspondents"].choices
            )
