"""The reviewer's forms: an approval names the fingerprint of the content the reviewer saw."""

from django import forms


class ApproveForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)
    comment = forms.CharField(
        label="审核意见（可不填）", required=False, max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        cleaned = super().clean()
        if "fingerprint" in self.errors:
            del self.errors["fingerprint"]
            raise forms.ValidationError(
                "这个审核页面已过期，看不出你审核的是哪一版内容。请刷新页面，核对后再审核。"
            )
        return cleaned


class RejectForm(forms.Form):
    comment = forms.CharField(
        label="退回原因",
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="写清哪里需要修改，提交人会收到这段话。",
        error_messages={"required": "请写明退回原因，方便提交人修改。"},
    )
