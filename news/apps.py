from django.apps import AppConfig


class NewsConfig(AppConfig):
    """The community newspaper: publications, issues, articles."""

    name = "news"
    verbose_name = "社区报"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from news import signal_handlers  # noqa: F401
