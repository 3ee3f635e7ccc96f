from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    """Volunteer service hours, star levels, time-bank points and role models."""

    name = "volunteers"
    verbose_name = "志愿服务"

    def ready(self):
        from . import stats

        stats.connect()
