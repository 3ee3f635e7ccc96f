"""Review tasks whose approvals name a content fingerprint, and the approvals themselves."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.models import Revision, TaskState
from wagtail.models.workflows import AbstractGroupApprovalTask

from portal import roles

from .records import revision_fingerprint


class ReviewTaskState(TaskState):
    """A task state that remembers the fingerprint of the content put under review."""

    fingerprint = models.CharField("内容指纹", max_length=64, blank=True)

    class Meta:
        verbose_name = "审核任务状态"
        verbose_name_plural = "审核任务状态"

    def save(self, *args, **kwargs):
        if not self.fingerprint and self.revision_id:
            self.fingerprint = revision_fingerprint(self.revision)
        super().save(*args, **kwargs)


class ReviewTask(AbstractGroupApprovalTask):
    """A group approval whose every approval is for one exact content (its fingerprint).

    Nobody who wrote a revision since the last publication may approve; changing the content
    under review by any path voids the approvals and restarts the review (portal.review.signals).
    """

    task_state_class = ReviewTaskState
    # Roles whose members may never approve with this task (maker–checker), and whether
    # superusers are excluded too.
    excluded_roles = ()
    excludes_superusers = False
    # Whether the approver's name is shown publicly and so must be a verified real name (实名).
    requires_verified_name = False
    # The editor's main button for those who cannot publish, e.g. 提交主编审核.
    submit_label = ""

    class Meta:
        abstract = True

    @property
    def required_approvals(self):
        return 1

    @property
    def site(self):
        """The community this task serves (its stable key's site; the default one if shared)."""
        from django.contrib.contenttypes.models import ContentType
        from wagtail.models import Site

        from portal.models import StableKey

        if not hasattr(self, "_site"):
            key = StableKey.objects.filter(
                content_type=ContentType.objects.get_for_model(self, for_concrete_model=False),
                object_id=self.pk,
            ).first()
            self._site = (
                key.site if key and key.site_id else Site.objects.filter(is_default_site=True).first()
            )
        return self._site

    def is_reviewer(self, user):
        """In the task's groups, and holding no role in its community that it excludes."""
        if not (user.is_authenticated and user.is_active and self._user_in_groups(user)):
            return False
        if self.excludes_superusers and user.is_superuser:
            return False
        return not roles.has_any_role(user, self.excluded_roles, self.site)

    def authors(self, task_state):
        """Users who wrote any revision since the last publication, and who asked for review."""
        page = task_state.workflow_state.content_object
        revisions = Revision.objects.filter(
            base_content_type_id=task_state.workflow_state.base_content_type_id,
            object_id=task_state.workflow_state.object_id,
        )
        live_revision_id = getattr(page, "live_revision_id", None)
        if live_revision_id:
            revisions = revisions.filter(pk__gt=live_revision_id)
        ids = set(revisions.exclude(user=None).values_list("user_id", flat=True))
        if task_state.workflow_state.requested_by_id:
            ids.add(task_state.workflow_state.requested_by_id)
        return ids

    def user_can_access_editor(self, obj, user):
        return self.is_reviewer(user) or user.is_superuser

    def get_actions(self, obj, user):
        if not self.is_reviewer(user):
            return []
        task_state = obj.current_workflow_task_state
        if task_state is None or user.pk in self.authors(task_state):
            return []
        actions = [("reject", "退回修改", True)]
        if not ReviewApproval.objects.filter(task_state=task_state, user=user).exists():
            actions.append(("approve", "审核通过", True))
        return actions

    def get_form_for_action(self, action):
        from .forms import ApproveForm, RejectForm

        return ApproveForm if action == "approve" else RejectForm

    def get_template_for_action(self, action):
        return "review/action_modal.html"

    def on_action(self, task_state, user, action_name, **kwargs):
        """Decide through portal.review.actions; then show the reviewer the round's outcome."""
        from django.urls import reverse

        from . import actions

        if action_name == "approve":
            actions.approve(task_state.pk, user, kwargs.get("fingerprint", ""), kwargs.get("comment", ""))
        elif action_name == "reject":
            actions.reject(task_state.pk, user, kwargs.get("comment", ""))
        return reverse("review_task", args=(task_state.pk,))

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if not self.is_reviewer(user):
            return TaskState.objects.none()
        return (
            self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)
            .exclude(revision__user=user)
            .exclude(workflow_state__requested_by=user)
            .exclude(review_approvals__user=user)
        )

    def approver_name(self, user):
        """The name recorded with an approval; None if a verified name is needed and missing."""
        from portal.accounts.models import verified_name

        name = verified_name(user)
        if name or self.requires_verified_name:
            return name or None
        return (user.get_full_name() or user.get_username()).strip()

    # Extension points for the concrete tasks (notifications, public records).
    def approval_recorded(self, task_state, approval, count):
        """Called inside the approving transaction after each approval, before a final one publishes."""

    def review_restarted(self, old_state, new_state, user):
        """Called after changed content voided the approvals and a new review started."""


class ReviewApproval(models.Model):
    """One reviewer's approval of one exact content (fingerprint) in one review round."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name="页面", on_delete=models.CASCADE, related_name="review_approvals"
    )
    revision = models.ForeignKey(
        "wagtailcore.Revision", verbose_name="版本", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    task_state = models.ForeignKey(
        TaskState,
        verbose_name="审核任务",
        null=True,
        on_delete=models.SET_NULL,
        related_name="review_approvals",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="审核人",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    approver_name = models.CharField("审核人姓名", max_length=150)
    fingerprint = models.CharField("审核的内容指纹", max_length=64)
    approved_at = models.DateTimeField("审核时间", default=timezone.now)
    comment = models.TextField("意见", blank=True)

    class Meta:
        verbose_name = "审核记录"
        verbose_name_plural = "审核记录"
        constraints = [
            models.UniqueConstraint(fields=["task_state", "user"], name="review_one_approval_per_reviewer")
        ]

    def __str__(self):
        return f"{self.approver_name} {self.approved_at:%Y-%m-%d}"


def revision_on_record(revision):
    """Published, scheduled or put under review: a revision that must never be rewritten."""
    from wagtail.models import Page

    return (
        revision.approved_go_live_at is not None
        or TaskState.objects.filter(revision=revision).exists()
        or Page.objects.filter(live_revision=revision).exists()
    )


class ReviewedPageMixin:
    """For page types that go through a ReviewTask: a revision on record (published, scheduled
    or under review) is never overwritten in place, e.g. by the editor's autosave; the edit is
    saved as a new revision instead, so what the reviewers approved stays as they approved it."""

    def save_revision(self, *args, overwrite_revision=None, **kwargs):
        if overwrite_revision is not None and revision_on_record(overwrite_revision):
            overwrite_revision = None
        return super().save_revision(*args, overwrite_revision=overwrite_revision, **kwargs)
