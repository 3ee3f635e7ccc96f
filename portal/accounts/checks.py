"""Start-up check: nobody may hold roles that break maker–checker (see portal.roles)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.checks import Warning, register
from django.db import DatabaseError

from portal import roles


@register("portal")
def role_conflicts_check(app_configs=None, **kwargs):
    User = get_user_model()
    try:
        members = list(
            User.objects.filter(
                groups__in=Group.objects.filter(roles.groups_with_role(roles.COMMITTEE)), is_active=True
            )
            .distinct()
            .prefetch_related("groups")
        )
    except DatabaseError:
        return []  # not migrated yet
    warnings = []
    for user in members:
        problem = roles.role_conflict(roles.memberships_of_groups(user.groups.all()), user.is_superuser)
        if problem:
            warnings.append(
                Warning(
                    f"用户 {user.get_username()} 的角色冲突：{problem}",
                    hint="在后台“设置 → 用户”中调整该用户的角色；冲突解决前此人不能审核。",
                    obj=user.get_username(),
                    id="accounts.W001",
                )
            )
    return warnings
