from django.apps import AppConfig


class VolunteersConfig(AppConfig):
    """Volunteer service hours, star levels, time-bank points and role models."""

    name = "volunteers"
    verbose_name = "志愿服务"

    def ready(self):
        from django.db.models.signals import post_save

        from .models import VolunteerBoardPage
        from .sections import board_created

        post_save.connect(board_created, sender=VolunteerBoardPage, dispatch_uid="volunteers_board_created")
