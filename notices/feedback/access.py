"""Who may see and do what with reports, always within the report's own community:

- 社区工作人员: every report of their community; handle, reply, assign, note, open contacts.
- 网格员: only the reports assigned to them; read and add notes.
- 监委会: every report of their community, read-only, contacts masked and never opened.
- 街道 roles and superusers: every community (superusers also handle; 街道 roles only read).
- 居民编辑, 主编, 站点管理员 without another role: nothing.
"""

from django.db.models import Q

from portal import roles

READERS = [roles.COMMUNITY_STAFF, roles.COMMITTEE]


def _sites(user, role_list):
    return {site_id for role, site_id in roles.user_memberships(user) if role in role_list}


def visible(user, queryset):
    """The reports `user` may open in the admin."""
    if not (user.is_authenticated and user.is_active):
        return queryset.none()
    if roles.is_district(user):
        return queryset
    reading = _sites(user, READERS)
    assigned = _sites(user, [roles.GRID_WORKERS])
    return queryset.filter(Q(site__in=reading) | Q(site__in=assigned, assigned_to=user))


def may_view_any(user):
    return user.is_active and (
        roles.is_district(user) or roles.has_any_role(user, [*READERS, roles.GRID_WORKERS])
    )


def may_handle(user, item):
    """Change status, reply, assign: the community's staff (and superusers)."""
    return user.is_active and (
        user.is_superuser or roles.user_has_role(user, roles.COMMUNITY_STAFF, item.site)
    )


def may_handle_any(user):
    return user.is_active and (user.is_superuser or roles.has_any_role(user, [roles.COMMUNITY_STAFF]))


def may_note(user, item):
    """Add an internal note: staff, or the 网格员 the report is assigned to."""
    return may_handle(user, item) or (
        item.assigned_to_id == user.pk and roles.user_has_role(user, roles.GRID_WORKERS, item.site)
    )


def may_reveal(user, item):
    """Open the reporter's contact: the community's staff only (logged every time)."""
    return may_handle(user, item)


def may_see_photos(user, item):
    return may_handle(user, item) or may_note(user, item)


def assignable_users(site):
    """Staff and 网格员 of the report's community."""
    from django.contrib.auth import get_user_model

    groups = roles.groups([roles.COMMUNITY_STAFF, roles.GRID_WORKERS], site)
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__in=groups)
        .distinct()
        .order_by("first_name", "username")
    )
