"""Set up a community's notice board when its index pages are created.

Permissions and the committee workflow depend on pages that exist per site, so they are
granted here (idempotently) instead of in a migration.
"""

from django.contrib.auth.models import Group, Permission
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import GroupPagePermission, Workflow, WorkflowPage

from portal import roles

WORKFLOW_NAME = "财务公开审核"
STAFF_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
# Only so that 监委会 sees the disclosures in the explorer; DisclosurePermissionTester denies locking.
COMMITTEE_PAGE_PERMISSIONS = ["lock_page"]


def grant(group_name, page, codenames):
    group = Group.objects.filter(name=group_name).first()
    if group is None:
        return
    for codename in codenames:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def setup_notice_index(index_page):
    grant(roles.COMMUNITY_STAFF, index_page, STAFF_PAGE_PERMISSIONS)


def setup_finance_index(finance_index):
    """Every disclosure under this page goes through 财务公开审核; the committee may look."""
    workflow = Workflow.objects.filter(name=WORKFLOW_NAME).first()
    if workflow is not None:
        WorkflowPage.objects.get_or_create(page=finance_index, defaults={"workflow": workflow})
    grant(roles.COMMITTEE, finance_index, COMMITTEE_PAGE_PERMISSIONS)


def connect():
    from .models import FinancialDisclosureIndexPage, NoticeIndexPage

    @receiver(post_save, sender=NoticeIndexPage, dispatch_uid="notices_setup_index", weak=False)
    def on_index_saved(sender, instance, created, raw=False, **kwargs):
        if created and not raw:
            setup_notice_index(instance)

    @receiver(
        post_save, sender=FinancialDisclosureIndexPage, dispatch_uid="notices_setup_finance", weak=False
    )
    def on_finance_index_saved(sender, instance, created, raw=False, **kwargs):
        if created and not raw:
            setup_finance_index(instance)
