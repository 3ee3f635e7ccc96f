from django.apps import AppConfig


class NewsConfig(AppConfig):
    """The community newspaper: publications, issues, articles."""

    name = "news"
    verbose_name = "社区报"
