"""The disclosure editor's form: checks line items against the period and the balance."""

from django import forms
from django.core.exceptions import ValidationError

from portal.base_forms import PortalPageForm

from .finance import period_bounds, validate_disclosure


class NoticeForm(PortalPageForm):
    """Ordinary notices cannot be 财务公开: those need the committee, so the choice is not offered."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "category" in self.fields:
            self.fields["category"].choices = [
                c for c in self.fields["category"].choices if c[0] != "finance"
            ]


class FinancialDisclosureForm(PortalPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        site = self.parent_page.get_site() if self.parent_page else None
        if "fund" in self.fields and site is not None:
            # This community's funds only, in a plain list (a community has a handful).
            field = self.fields["fund"]
            field.queryset = field.queryset.filter(site=site)
            field.widget = forms.Select(choices=field.choices)

    def save(self, commit=True):
        # The fund's name is part of what the committee approves (see FinancialDisclosurePage.fund_name).
        if self.instance.fund_id:
            self.instance.fund_name = self.instance.fund.name
        return super().save(commit=commit)

    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("line_items")
        if formset is None or not formset.is_valid():
            return cleaned  # the rows show their own errors first
        items = [
            form.cleaned_data
            for form in formset.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        items.sort(key=lambda data: data.get("ORDER") or 0)
        # Existing rows the POST left out are kept by the formset, so they count too.
        submitted = {form.instance.pk for form in formset.forms if form.instance.pk}
        items = [i for i in formset.get_queryset() if i.pk not in submitted] + items
        period = period_bounds(cleaned.get("year"), cleaned.get("period_kind"), cleaned.get("period_number"))
        errors = validate_disclosure(
            period, cleaned.get("opening_balance"), cleaned.get("closing_balance"), items
        )
        if not items:
            errors.append("请至少填写一笔收支明细。")
        if errors:
            raise ValidationError(errors)
        return cleaned
