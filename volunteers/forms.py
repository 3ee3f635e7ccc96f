"""Admin forms: staff mark records verified with a tick; the form records who and when."""

from django import forms
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminModelForm


class ServiceRecordForm(WagtailAdminModelForm):
    verify = forms.BooleanField(
        label="已核实",
        required=False,
        help_text="勾选后记为由您在此刻核实；只有核实过的时长计入星级和积分。",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["verify"].initial = bool(self.instance.verified_at)

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
