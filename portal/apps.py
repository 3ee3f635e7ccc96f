from django.apps import AppConfig


class PortalConfig(AppConfig):
    """Cross-app code: roles, site settings, base templates, demo content."""

    name = "portal"
    verbose_name = "站点"
