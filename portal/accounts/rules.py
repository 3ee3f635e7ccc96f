"""Who may change which accounts: the one place the user forms, bulk actions and views ask.

Committee members and superusers are protected accounts: only a superuser (or the sub-district's
街道管理员, for committee members) may add or remove committee members, or change a protected
account's credentials, state or existence. Otherwise a community's site administrator could make,
take over or remove the people whose approval publishes figures.
"""

from portal import roles

ONLY_SUPERUSERS = "只有超级管理员或街道管理员可以增加、停用、删除监委会成员，或修改他们的登录信息；超级管理员的账号只有超级管理员能改。"


def protected(user):
    return user.is_superuser or roles.COMMITTEE in roles.roles_of_groups(user.groups.all())


def manages_committees(actor):
    return actor.is_superuser or roles.has_any_role(actor, [roles.DISTRICT_ADMINS])


def may_manage(actor, user):
    """May `actor` change `user`'s credentials, state or existence?"""
    if user.is_superuser:
        return actor.is_superuser
    return manages_committees(actor) or not protected(user)


def committee_sites(memberships):
    return {site for role, site in memberships if role == roles.COMMITTEE}


def membership_refusal(actor, before, after, is_superuser=False):
    """Why this change of (role, site) memberships is refused (Chinese), or None."""
    if committee_sites(before) != committee_sites(after) and not manages_committees(actor):
        return "只有超级管理员或街道管理员可以增加或移除监委会成员。"
    return roles.role_conflict(after, is_superuser)
