"""Setting up a volunteer board when it is first created on a site."""

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from portal import roles

STAFF_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def setup_section(board_page):
    """Let 社区工作人员 edit and publish the board and role models under it (idempotent)."""
    group = Group.objects.filter(name=roles.COMMUNITY_STAFF).first()
    if group is None:
        return
    for codename in STAFF_PAGE_PERMISSIONS:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)
        GroupPagePermission.objects.get_or_create(group=group, page=board_page, permission=permission)


def board_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        setup_section(instance)
