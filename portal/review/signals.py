"""Content that changes under review, by any path, restarts the review.

Every way Wagtail changes a page's draft (the editor, autosave overwriting a revision,
reverting to an old revision through the admin or its API, a superuser's edit) ends with
`save_revision()`, which saves the page with `latest_revision` in `update_fields`.
"""

from django.core.exceptions import PermissionDenied
from django.db.models.signals import post_save, pre_delete, pre_save
from django.dispatch import receiver
from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import Page, Site
from wagtail.signals import task_submitted

from .actions import restart_if_changed
from .models import ReviewTaskState
from .permissions import holds_public_records


@receiver(post_save, dispatch_uid="review_restart_on_new_revision")
def restart_review_when_content_changes(sender, instance, update_fields=None, raw=False, **kwargs):
    if raw or not update_fields or "latest_revision" not in update_fields:
        return
    if not isinstance(instance, Page):
        return
    restart_if_changed(instance, user=instance.latest_revision.user if instance.latest_revision else None)


class ReviewSubmissionNotifier(GroupApprovalTaskStateSubmissionEmailNotifier):
    """Wagtail mails a group task's reviewers only for plain TaskStates; ours are ReviewTaskStates
    and their mail links to the review page."""

    def get_context(self, task_state, **kwargs):
        return {**super().get_context(task_state, **kwargs), "task_state": task_state}


task_submitted.connect(
    ReviewSubmissionNotifier(), sender=ReviewTaskState, dispatch_uid="review_task_submitted_email", weak=False
)


SITE_HOLDS_RECORDS = "这个站点下有已公开的公告和财务公开，不能改换首页或删除站点：居民会突然看不到它们。"


@receiver(pre_save, sender=Site, dispatch_uid="review_keep_records_reachable")
def keep_records_reachable_on_site_change(sender, instance, raw=False, **kwargs):
    """Pointing a site at another root page would hide its notice board without a trace."""
    if raw or instance.pk is None:
        return
    old_root = Site.objects.filter(pk=instance.pk).values_list("root_page_id", flat=True).first()
    if old_root and old_root != instance.root_page_id and holds_public_records(Page.objects.get(pk=old_root)):
        raise PermissionDenied(SITE_HOLDS_RECORDS)


@receiver(pre_delete, sender=Site, dispatch_uid="review_keep_site_with_records")
def keep_site_with_records(sender, instance, **kwargs):
    if holds_public_records(instance.root_page):
        raise PermissionDenied(SITE_HOLDS_RECORDS)
