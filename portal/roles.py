"""The portal's roles. Groups are created by migration portal/0001; each section's own
migrations give them their permissions."""

RESIDENT_EDITORS = "居民编辑"
EDITOR_IN_CHIEF = "主编"
COMMUNITY_STAFF = "社区工作人员"
COMMITTEE = "监委会"
SITE_ADMINS = "站点管理员"

ALL_ROLES = [RESIDENT_EDITORS, EDITOR_IN_CHIEF, COMMUNITY_STAFF, COMMITTEE, SITE_ADMINS]


def user_has_role(user, role):
    """True if the user is active and belongs to the group named `role`."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.groups.filter(name=role).exists()
