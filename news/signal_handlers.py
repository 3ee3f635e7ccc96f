"""Signal receivers of the newspaper app.

An article goes out with its issue: publishing (or approving) an article whose issue is not
live yet holds the approved revision back, and publishing the issue releases its held
articles. Taking an issue offline holds its articles the same way until it is back.
Readers, search and sitemaps therefore never see an article whose issue is not live.
"""

from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from news.models import ArticlePage, IssuePage


@receiver(page_published, sender=ArticlePage)
def hold_article_until_issue_is_live(sender, instance, revision, **kwargs):
    if not instance.live:
        return  # scheduled for later: publish_scheduled will come back here
    issue = IssuePage.objects.filter(path=instance.path[: -Page.steplen]).only("live").first()
    if issue is None or issue.live:
        return
    changes = {"live": False, "has_unpublished_changes": True, "held_revision": revision}
    if instance.first_published_at == instance.last_published_at:
        # Never out before: it is first published when the issue is.
        changes.update(first_published_at=None, last_published_at=None)
    ArticlePage.objects.filter(pk=instance.pk).update(**changes)
    instance.live = False
    instance.held_revision = revision


@receiver(page_published, sender=IssuePage)
def release_held_articles(sender, instance, revision, **kwargs):
    if not instance.live:
        return
    held = ArticlePage.objects.child_of(instance).filter(live=False, held_revision__isnull=False)
    for article in held.select_related("held_revision"):
        article.held_revision.publish(user=revision.user, skip_permission_checks=True)


@receiver(page_unpublished, sender=IssuePage)
def hold_articles_of_unpublished_issue(sender, instance, **kwargs):
    for article in ArticlePage.objects.child_of(instance).live().select_related("live_revision"):
        revision = article.live_revision
        article.unpublish(log_action=True)
        if revision is not None:
            ArticlePage.objects.filter(pk=article.pk).update(held_revision=revision)
