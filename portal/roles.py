"""The portal's roles and every question about them. Groups are created by migration portal/0002;
each section's own migrations give them their permissions."""

RESIDENT_EDITORS = "居民编辑"
EDITOR_IN_CHIEF = "主编"
COMMUNITY_STAFF = "社区工作人员"
COMMITTEE = "监委会"
SITE_ADMINS = "站点管理员"

ALL_ROLES = [RESIDENT_EDITORS, EDITOR_IN_CHIEF, COMMUNITY_STAFF, COMMITTEE, SITE_ADMINS]

# Maker–checker: who checks the books may not also keep them or run the site.
COMMITTEE_INCOMPATIBLE = (COMMUNITY_STAFF, SITE_ADMINS)


def role_names(user):
    """The names of the user's groups, cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_portal_role_names"):
        user._portal_role_names = frozenset(user.groups.values_list("name", flat=True))
    return user._portal_role_names


def has_any_role(user, names):
    return user.is_authenticated and user.is_active and bool(role_names(user) & set(names))


def user_has_role(user, role):
    """True if the user is active and belongs to the group named `role`."""
    return has_any_role(user, [role])


def is_site_admin(user):
    """Superusers and members of 站点管理员."""
    return user.is_active and (user.is_superuser or has_any_role(user, [SITE_ADMINS]))


def role_conflict(group_names, is_superuser=False):
    """A Chinese explanation if this combination of roles breaks maker–checker, else None."""
    names = set(group_names)
    if COMMITTEE not in names:
        return None
    clashes = [name for name in COMMITTEE_INCOMPATIBLE if name in names]
    if is_superuser:
        clashes.append("超级管理员")
    if not clashes:
        return None
    return (
        f"监委会成员不能同时担任{'、'.join(clashes)}：审核财务公开的人不能是经手账目或管理网站的人。"
        "请只保留其中一个角色。"
    )
