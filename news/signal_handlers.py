"""Signal receivers of the newspaper app: an issue's publication carries its held articles
(see news.publishing); a new article opens ready to type into."""

from django.dispatch import receiver
from wagtail.rich_text import RichText
from wagtail.signals import init_new_page, page_published, page_unpublished

from news.models import ArticlePage, IssuePage

from . import publishing


@receiver(page_published, sender=IssuePage)
def publish_held_articles(sender, instance, revision, **kwargs):
    if instance.live:
        publishing.publish_held_articles(instance, user=revision.user)


@receiver(page_unpublished, sender=IssuePage)
def hold_articles_of_unpublished_issue(sender, instance, user=None, **kwargs):
    publishing.hold_articles_of_unpublished_issue(instance, user=user)


@receiver(init_new_page)
def start_an_article_with_a_paragraph(sender, page, parent, **kwargs):
    """The article editor opens with an empty paragraph: no "insert a block" to start writing."""
    if isinstance(page, ArticlePage) and not page.body:
        page.body = [("paragraph", RichText(""))]
