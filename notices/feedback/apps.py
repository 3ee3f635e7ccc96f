from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    """Residents talk back: reports, objections during a 公示期, enquiries, and replies on the record."""

    name = "notices.feedback"
    label = "feedback"
    verbose_name = "居民反映"
    default_auto_field = "django.db.models.BigAutoField"
