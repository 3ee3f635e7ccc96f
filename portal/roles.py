"""The portal's roles and every question about them.

A role is found by its key (`committee`, `staff`, ...), never by its group's display name, which
an administrator may change. Each community (Wagtail site) may have its own group per role,
keyed `role:<key>` with that site (made by `add_community`); the shared groups (keyed without a
site, created by migration portal/0002) are the default community's. The sub-district (街道)
roles are shared and reach every community.
"""

RESIDENT_EDITORS = "resident_editor"
EDITOR_IN_CHIEF = "chief"
COMMUNITY_STAFF = "staff"
COMMITTEE = "committee"
SITE_ADMINS = "site_admin"
GRID_WORKERS = "grid_worker"
DISTRICT_ADMINS = "district_admin"
DISTRICT_SUPERVISORS = "district_supervisor"

LABELS = {
    RESIDENT_EDITORS: "居民编辑",
    EDITOR_IN_CHIEF: "主编",
    COMMUNITY_STAFF: "社区工作人员",
    COMMITTEE: "监委会",
    SITE_ADMINS: "站点管理员",
    GRID_WORKERS: "网格员",
    DISTRICT_ADMINS: "街道管理员",
    DISTRICT_SUPERVISORS: "街道监督",
}
COMMUNITY_ROLES = [RESIDENT_EDITORS, EDITOR_IN_CHIEF, COMMUNITY_STAFF, COMMITTEE, SITE_ADMINS, GRID_WORKERS]
DISTRICT_ROLES = [DISTRICT_ADMINS, DISTRICT_SUPERVISORS]
ALL_ROLES = COMMUNITY_ROLES + DISTRICT_ROLES

# Maker–checker: who checks the books may not also keep them or run the site.
COMMITTEE_INCOMPATIBLE = (COMMUNITY_STAFF, SITE_ADMINS)
# Everywhere: the district's roles reach every community.
EVERY_SITE = None


def group_key(role):
    return f"role:{role}"


def group_name(role, site=None):
    """The display name of a community's group, e.g. 监委会·历山名郡社区."""
    if site is None:
        return LABELS[role]
    from .communities import community_name

    return f"{LABELS[role]}·{community_name(site)}"


def group(role, site=None):
    """The Group that holds `role` in `site` (its own, else the shared one)."""
    from django.contrib.auth.models import Group

    from .keys import keyed

    return keyed(Group, group_key(role), site=site)


def groups(role_list, site=None):
    return [g for g in (group(role, site) for role in role_list) if g is not None]


def default_site_id():
    from wagtail.models import Site

    return Site.objects.filter(is_default_site=True).values_list("pk", flat=True).first()


def memberships_of_groups(group_list):
    """{(role, site id)} the groups give: shared community groups count as the default site's,
    district groups as every site's (EVERY_SITE)."""
    from django.contrib.contenttypes.models import ContentType

    from .models import StableKey

    ids = [g.pk for g in group_list]
    if not ids:
        return set()
    rows = StableKey.objects.filter(
        content_type=ContentType.objects.get(app_label="auth", model="group"),
        object_id__in=ids,
        key__startswith="role:",
    ).values_list("key", "site_id")
    result = set()
    for key, site_id in rows:
        role = key.removeprefix("role:")
        if site_id is None and role in COMMUNITY_ROLES:
            site_id = default_site_id()
        result.add((role, EVERY_SITE if role in DISTRICT_ROLES else site_id))
    return result


def roles_of_groups(group_list):
    """The role keys of these groups, in whichever community."""
    return {role for role, _ in memberships_of_groups(group_list)}


def user_memberships(user):
    """The user's {(role, site id)}, cached on the user object for the request."""
    if not user.is_authenticated:
        return frozenset()
    if not hasattr(user, "_portal_memberships"):
        user._portal_memberships = frozenset(memberships_of_groups(user.groups.all()))
    return user._portal_memberships


def user_roles(user):
    return frozenset(role for role, _ in user_memberships(user))


def has_any_role(user, role_list, site=None):
    """Does the active user hold one of the roles (in `site`, if given)?"""
    if not (user.is_authenticated and user.is_active):
        return False
    wanted = set(role_list)
    return any(
        role in wanted and (site is None or site_id in (EVERY_SITE, site.pk))
        for role, site_id in user_memberships(user)
    )


def user_has_role(user, role, site=None):
    return has_any_role(user, [role], site)


def is_site_admin(user, site=None):
    """Superusers, and holders of 站点管理员 (of `site`, if given)."""
    return user.is_active and (user.is_superuser or has_any_role(user, [SITE_ADMINS], site))


def is_district(user):
    """Superusers and the sub-district's roles see every community."""
    return user.is_active and (user.is_superuser or has_any_role(user, DISTRICT_ROLES))


def user_site_ids(user):
    """The ids of the communities the user belongs to; None means every one."""
    if is_district(user):
        return None
    return {site_id for _, site_id in user_memberships(user) if site_id is not None}


def role_conflict(memberships, is_superuser=False):
    """A Chinese explanation if these roles break maker–checker in one community, else None.

    `memberships` are (role, site id) pairs, or plain role keys (read as one community)."""
    pairs = {m if isinstance(m, tuple) else (m, 0) for m in memberships}
    for role, site_id in pairs:
        if role != COMMITTEE:
            continue
        clashes = [
            LABELS[other]
            for other in COMMITTEE_INCOMPATIBLE
            if any(r == other and s in (site_id, EVERY_SITE) for r, s in pairs)
        ]
        if is_superuser:
            clashes.append("超级管理员")
        if clashes:
            return (
                f"监委会成员不能同时担任本社区的{'、'.join(clashes)}：审核财务公开的人不能是经手账目或管理网站的人。"
                "请只保留其中一个角色。"
            )
    return None


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
