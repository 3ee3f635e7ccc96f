"""Who may do what to financial disclosures outside the committee workflow."""

from wagtail.models import PagePermissionTester

from portal.roles import SITE_ADMINS

# Set on the approving member's user object only while their approval completes the quorum.
QUORUM_FLAG = "_notices_quorum_publishes_page"


def is_site_admin(user):
    """Superusers and members of 站点管理员 (cached on the user for the request)."""
    if not user.is_active:
        return False
    if user.is_superuser:
        return True
    if not hasattr(user, "_notices_is_site_admin"):
        user._notices_is_site_admin = user.groups.filter(name=SITE_ADMINS).exists()
    return user._notices_is_site_admin


class DisclosurePermissionTester(PagePermissionTester):
    """Staff may add and edit but only submit; only site admins publish, unpublish or delete.

    监委会 members hold a `lock` page permission only so the explorer shows them the
    disclosures; they may not actually lock, edit or publish anything.
    """

    def can_publish(self):
        if getattr(self.user, QUORUM_FLAG, None) == self.page.pk:
            return True  # the approval that completes the committee's quorum publishes
        return is_site_admin(self.user) and super().can_publish()

    def can_unpublish(self):
        return is_site_admin(self.user) and super().can_unpublish()

    def can_publish_subpage(self):
        return is_site_admin(self.user) and super().can_publish_subpage()

    def can_delete(self, ignore_bulk=False):
        return is_site_admin(self.user) and super().can_delete(ignore_bulk=ignore_bulk)

    def can_reorder_children(self):
        return is_site_admin(self.user) and super().can_reorder_children()

    def can_lock(self):
        return is_site_admin(self.user) and super().can_lock()

    def can_unlock(self):
        return (is_site_admin(self.user) or self.user_has_lock()) and super().can_unlock()
