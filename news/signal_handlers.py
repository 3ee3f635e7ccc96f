"""Signal receivers of the newspaper app: an issue's publication carries its held articles
(see news.publishing)."""

from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from news.models import IssuePage

from . import publishing


@receiver(page_published, sender=IssuePage)
def publish_held_articles(sender, instance, revision, **kwargs):
    if instance.live:
        publishing.publish_held_articles(instance, user=revision.user)


@receiver(page_unpublished, sender=IssuePage)
def hold_articles_of_unpublished_issue(sender, instance, user=None, **kwargs):
    publishing.hold_articles_of_unpublished_issue(instance, user=user)
