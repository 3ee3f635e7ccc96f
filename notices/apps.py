from django.apps import AppConfig


class NoticesConfig(AppConfig):
    """The notice board (公开栏) and financial disclosures."""

    name = "notices"
    verbose_name = "公开栏"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import checks, signals  # noqa: F401
