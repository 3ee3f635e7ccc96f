"""An article goes out with its issue.

Publishing (or approving) an article whose issue is not live does not publish it: the approved
revision is held (`ArticlePage.held_revision`, logged as `news.held_for_issue`), and publishing
the issue publishes its held articles. Taking an issue offline unpublishes its articles and
holds them until it is back. Every step is logged as what it is.
"""

from django.utils import timezone
from wagtail.log_actions import log


def issue_is_live(article):
    from .models import IssuePage

    return IssuePage.objects.filter(path=article.path[: -article.steplen], live=True).exists()


def scheduled_later(page):
    return bool(page.go_live_at and page.go_live_at > timezone.now())


def hold_for_issue(article, revision, user=None):
    """Keep `revision` as the one to publish with the issue; nothing goes live now."""
    changes = {"held_revision": revision}
    if article.live and article.live_revision_id is None:
        # The admin's create view adds a new page as live before publishing it.
        changes.update(live=False, has_unpublished_changes=True)
    type(article).objects.filter(pk=article.pk).update(**changes)
    for name, value in changes.items():
        setattr(article, name, value)
    log(instance=article, action="news.held_for_issue", user=user, revision=revision)


def publish_held_articles(issue, user=None):
    from .models import ArticlePage

    held = ArticlePage.objects.child_of(issue).filter(held_revision__isnull=False)
    for article in held.select_related("held_revision"):
        article.held_revision.publish(user=user, skip_permission_checks=True)


def hold_articles_of_unpublished_issue(issue, user=None):
    from .models import ArticlePage

    for article in ArticlePage.objects.child_of(issue).live().select_related("live_revision"):
        revision = article.live_revision
        article.unpublish(user=user, log_action=True)
        if revision is not None:
            hold_for_issue(article, revision, user)
