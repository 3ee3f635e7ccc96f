"""Signal receivers of the newspaper app."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from news.models import NewsIndexPage
from news.setup import setup_section


@receiver(post_save, sender=NewsIndexPage)
def set_up_news_section(sender, instance, raw=False, **kwargs):
    if raw or not instance.path:
        return
    setup_section(instance)
