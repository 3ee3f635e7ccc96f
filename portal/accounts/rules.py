"""Who may change which accounts: the one place the user forms, bulk actions and views ask.

Committee members and superusers are protected accounts: only a superuser may add or remove
committee members, or change a protected account's credentials, state or existence. Otherwise a
site administrator could make, take over or remove the people whose approval publishes figures.
"""

from portal import roles

ONLY_SUPERUSERS = "只有超级管理员可以增加、停用、删除监委会成员或超级管理员，或修改他们的登录信息。"


def protected(user):
    return user.is_superuser or roles.COMMITTEE in roles.roles_of_groups(user.groups.all())


def may_manage(actor, user):
    """May `actor` change `user`'s credentials, state or existence?"""
    return actor.is_superuser or not protected(user)


def membership_refusal(actor, held_before, held_after, is_superuser=False):
    """Why this change of roles is refused (Chinese), or None."""
    if (roles.COMMITTEE in held_before) != (roles.COMMITTEE in held_after) and not actor.is_superuser:
        return "只有超级管理员可以增加或移除监委会成员。"
    return roles.role_conflict(held_after, is_superuser)
