"""Admin forms: staff mark records verified with a tick; the form records who and when."""

from decimal import Decimal

from django import forms
from django.utils import timezone

from portal.base_forms import CommunityModelForm, PublicModelForm


class VolunteerTeamForm(PublicModelForm):
    community_fields = {"site": "pk", "leader": "site"}


class PointsTransactionForm(CommunityModelForm):
    community_fields = {"volunteer": "site"}


class ServiceRecordForm(CommunityModelForm):
    community_fields = {"volunteer": "site", "team": "site"}

    verify = forms.BooleanField(
        label="已核实",
        required=False,
        help_text="勾选后记为由您在此刻核实；只有核实过的时长计入星级和积分。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verify"].initial = bool(self.instance.verified_at)

    def clean(self):
        cleaned = super().clean()
        record = self.instance
        old = record.points_transaction.points if record.pk and hasattr(record, "points_transaction") else 0
        volunteer = cleaned.get("volunteer")
        hours = cleaned.get("hours")
        if old and volunteer and hours is not None:
            from .models.records import balance_of

            rate = old / record.hours if record.hours else 0
            new = (hours * rate).quantize(Decimal("0.01")) if cleaned.get("verify") else 0
            balance = balance_of(volunteer.pk)
            if balance - old + new < 0:
                raise forms.ValidationError(
                    f"这条记录获得的积分已被兑换：修改后积分余额将为 {balance - old + new:.2f} 分，"
                    "不能低于零。请先登记一笔调整积分。"
                )
        return cleaned

    def save(self, commit=True):
        record = self.instance
        if self.cleaned_data.get("verify"):
            if not record.verified_at:
                record.verified_at = timezone.now()
                record.verified_by = self.for_user
        else:
            record.verified_at = None
            record.verified_by = None
        return super().save(commit=commit)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="表格文件",
        help_text="CSV（UTF-8）或 XLSX，第一行表头必须是：志愿者编号,姓名,日期,时长,活动,服务队",
    )
    site = forms.ModelChoiceField(label="社区站点", queryset=None, empty_label=None)

    def __init__(self, *args, sites=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
