"""Forms for the second sign-in step and 2FA settings."""

from django import forms


class TokenForm(forms.Form):
    """A 6-digit code from the authenticator app, or one of the backup codes."""

    token = forms.CharField(
        label="验证码",
        max_length=16,
        help_text="打开手机上的验证器应用，输入“社区公开栏”显示的 6 位数字；手机不在身边时可输入一个备用验证码。",
        error_messages={"required": "请输入验证码。"},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_token(self):
        return "".join(self.cleaned_data["token"].split()).lower()
