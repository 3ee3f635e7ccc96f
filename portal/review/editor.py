"""Who meets the page editor during a review, and who may call a review off.

Reviewers (监委会, 主编 on a task) decide on the review page; only the person who asked for the
review, the page's owner and administrators may cancel or restart it.
"""

from django.urls import reverse

from portal import roles

from .models import ReviewTask


def current_review(page):
    """(task state, task) of the review `page` is in now, or (None, None)."""
    state = page.current_workflow_task_state
    if state is None or state.status != state.STATUS_IN_PROGRESS:
        return None, None
    task = state.task.specific
    if not isinstance(task, ReviewTask):
        return None, None
    return state, task


def edits_in_own_right(user, page):
    """May `user` edit `page` without the review task's access to the editor?"""
    if user.is_superuser:
        return True
    permissions = page.permissions_for_user(user).permissions
    return "change" in permissions or ("add" in permissions and page.owner_id == user.pk)


def review_url_for(user, page):
    """The review page a reviewer is sent to instead of a locked editor, or None."""
    state, task = current_review(page)
    if state is None or not task.is_reviewer(user) or edits_in_own_right(user, page):
        return None
    return reverse("review_task", args=(state.pk,))


def may_cancel_workflow(user, workflow_state):
    """The submitter, the page's owner and administrators; never a reviewer as such."""
    if workflow_state is None or not user.is_active:
        return False
    if user.is_superuser or user.pk == workflow_state.requested_by_id:
        return True
    content = workflow_state.content_object
    if getattr(content, "owner_id", None) == user.pk:
        return True
    site = content.get_site() if hasattr(content, "get_site") else None
    return roles.is_site_admin(user, site)
