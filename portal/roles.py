"""The portal's roles and every question about them.

A role is found by its key (`committee`, `staff`, ...), never by its group's display name,
which an administrator may change. Groups are created by migration portal/0002 and keyed by
portal/0006 (see portal.keys); each app grants them its own permissions (provisioning.py).
"""

RESIDENT_EDITORS = "resident_editor"
EDITOR_IN_CHIEF = "chief"
COMMUNITY_STAFF = "staff"
COMMITTEE = "committee"
SITE_ADMINS = "site_admin"

LABELS = {
    RESIDENT_EDITORS: "居民编辑",
    EDITOR_IN_CHIEF: "主编",
    COMMUNITY_STAFF: "社区工作人员",
    COMMITTEE: "监委会",
    SITE_ADMINS: "站点管理员",
}
ALL_ROLES = list(LABELS)

# Maker–checker: who checks the books may not also keep them or run the site.
COMMITTEE_INCOMPATIBLE = (COMMUNITY_STAFF, SITE_ADMINS)


def group_key(role):
    return f"role:{role}"


def group(role, site=None):
    """The Group that holds `role` (for `site`, else the one shared by every community)."""
    from django.contrib.auth.models import Group

    from .keys import keyed

    return keyed(Group, group_key(role), site=site)


def groups(role_list, site=None):
    return [g for g in (group(role, site) for role in role_list) if g is not None]


def groups_with_role(role):
    """A filter on Group: the groups that hold `role` (in any community)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    from .models import StableKey

    ids = StableKey.objects.filter(
        key=group_key(role), content_type=ContentType.objects.get(app_label="auth", model="group")
    ).values("object_id")
    return Q(pk__in=ids)


def committee_groups():
    """`limit_choices_to` of the committee task's groups."""
    return groups_with_role(COMMITTEE)


def chief_groups():
    """`limit_choices_to` of the 主编 task's groups."""
    return groups_with_role(EDITOR_IN_CHIEF)


def roles_of_groups(group_list):
    """The role keys of these groups."""
    from .keys import keys_of

    return {key.removeprefix("role:") for key in keys_of(group_list, prefix="role:").values()}


def user_roles(user):
    """The user's role keys, cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_portal_roles"):
        user._portal_roles = frozenset(roles_of_groups(user.groups.all()))
    return user._portal_roles


def has_any_role(user, role_list):
    return user.is_authenticated and user.is_active and bool(user_roles(user) & set(role_list))


def user_has_role(user, role):
    """True if the user is active and holds `role`."""
    return has_any_role(user, [role])


def is_site_admin(user):
    """Superusers and holders of 站点管理员."""
    return user.is_active and (user.is_superuser or has_any_role(user, [SITE_ADMINS]))


def role_conflict(role_list, is_superuser=False):
    """A Chinese explanation if this combination of roles breaks maker–checker, else None."""
    held = set(role_list)
    if COMMITTEE not in held:
        return None
    clashes = [LABELS[role] for role in COMMITTEE_INCOMPATIBLE if role in held]
    if is_superuser:
        clashes.append("超级管理员")
    if not clashes:
        return None
    return (
        f"监委会成员不能同时担任{'、'.join(clashes)}：审核财务公开的人不能是经手账目或管理网站的人。"
        "请只保留其中一个角色。"
    )
