from django.apps import AppConfig


class ReviewConfig(AppConfig):
    """Approvals bound to the exact content they cover (maker–checker for every workflow)."""

    name = "portal.review"
    label = "review"
    verbose_name = "审核"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signals  # noqa: F401
