"""Content that changes under review, by any path, restarts the review.

Every way Wagtail changes a page's draft (the editor, autosave overwriting a revision,
reverting to an old revision through the admin or its API, a superuser's edit) ends with
`save_revision()`, which saves the page with `latest_revision` in `update_fields`.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.admin.mail import GroupApprovalTaskStateSubmissionEmailNotifier
from wagtail.models import Page
from wagtail.signals import task_submitted

from .actions import restart_if_changed
from .models import ReviewTaskState


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
