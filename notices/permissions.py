"""Who may do what to notices and financial disclosures outside the committee workflow."""

from portal.review.permissions import PublicRecordsPermissionTester
from portal.roles import is_site_admin


class FinanceSectionPermissionTester(PublicRecordsPermissionTester):
    """The 财务公开 section: only site admins publish or reorder it, and nothing is published
    into it directly (new pages and copies of disclosures start as drafts)."""

    def can_publish(self):
        return is_site_admin(self.user) and super().can_publish()

    def can_unpublish(self):
        return is_site_admin(self.user) and super().can_unpublish()

    def can_publish_subpage(self):
        return False

    def can_set_view_restrictions(self):
        return False

    def can_delete(self, ignore_bulk=False):
        return is_site_admin(self.user) and super().can_delete(ignore_bulk=ignore_bulk)

    def can_reorder_children(self):
        return is_site_admin(self.user) and super().can_reorder_children()


class DisclosurePermissionTester(PublicRecordsPermissionTester):
    """Nobody publishes, unpublishes or hides a disclosure directly, administrators included:
    it goes live only through a complete committee quorum (FinancialDisclosurePage.publish),
    and a superuser's break-glass withdrawal is its own logged, public action (notices.views).

    Staff may add and edit drafts and submit them. 监委会 members hold a `lock` page permission
    only so the explorer shows them the disclosures; they may not lock, edit or publish.
    """

    def is_published_record(self):
        """A disclosure that residents have seen at some point."""
        return self.page.first_published_at is not None

    def is_withdrawn(self):
        return not self.page.live and self.page.first_published_at is not None

    def can_edit(self):
        return not self.is_withdrawn() and super().can_edit()

    def can_publish(self):
        return False

    def can_unpublish(self):
        return False

    def can_publish_subpage(self):
        return False  # copies and new pages start as drafts

    def can_set_view_restrictions(self):
        return False

    def can_delete(self, ignore_bulk=False):
        if self.is_published_record():
            return False  # a published record stays; a wrong one is withdrawn, with a reason
        return is_site_admin(self.user) and super().can_delete(ignore_bulk=ignore_bulk)

    def can_move(self):
        return not self.is_published_record() and is_site_admin(self.user) and super().can_move()

    def can_reorder_children(self):
        return is_site_admin(self.user) and super().can_reorder_children()

    def can_lock(self):
        return is_site_admin(self.user) and super().can_lock()

    def can_unlock(self):
        return (is_site_admin(self.user) or self.user_has_lock()) and super().can_unlock()
