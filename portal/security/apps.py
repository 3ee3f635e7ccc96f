from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Sign-in protection (lockout, two-factor), security headers, upload checks, backups."""

    name = "portal.security"
    label = "security"
    verbose_name = "安全"
