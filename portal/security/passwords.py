"""Password rules. Django 5.2 changed the minimum-length message and its Chinese translation
was not updated, so this validator says it in Chinese itself."""

from django.contrib.auth import password_validation


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """At least `min_length` characters (10 on this site)."""

    def get_error_message(self):
        return f"密码长度太短。密码必须包含至少 {self.min_length} 个字符。"

    def get_help_text(self):
        return f"密码必须包含至少 {self.min_length} 个字符。"
