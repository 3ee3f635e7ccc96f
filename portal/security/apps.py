from django.apps import AppConfig


class SecurityConfig(AppConfig):
    """Sign-in protection (lockout, two-factor), security headers, upload checks, backups."""

    name = "portal.security"
    label = "security"
    verbose_name = "安全"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import pre_save
        from wagtail.models import UploadedFile

        from portal.security.lockout import forget_own_failures
        from portal.security.signals import strip_held_upload

        pre_save.connect(strip_held_upload, sender=UploadedFile, dispatch_uid="security_strip_held_upload")
        user_logged_in.connect(forget_own_failures, dispatch_uid="security_forget_own_failures")
