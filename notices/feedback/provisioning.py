"""A community's feedback desk: its staff handle reports and keep the per-site rules, its 网格员
note the reports assigned to them, its 监委会 read them. The 网格员 group of a community that
has groups of its own is created here if it is missing (portal/0011 did it once for existing ones)."""

from django.contrib.auth.models import Group

from portal import roles
from portal.keys import keyed, keyed_or_create
from portal.provisioning import grant_model_permissions, grant_site_permissions

MODEL_PERMISSIONS = {
    roles.COMMUNITY_STAFF: [
        "feedback.view_feedback",
        "feedback.add_feedback",
        "feedback.change_feedback",
        "feedback.reveal_contact",
        "feedback.note_feedback",
    ],
    roles.GRID_WORKERS: ["feedback.view_feedback", "feedback.note_feedback"],
    roles.COMMITTEE: ["feedback.view_feedback"],
}
SETTINGS_PERMISSION = "feedback.change_feedbacksettings"


def grid_worker_group(site):
    """The community's 网格员 group; a community with groups of its own gets one of its own."""
    if (
        site.is_default_site
        or keyed(Group, roles.group_key(roles.COMMUNITY_STAFF), site=site, fallback=False) is None
    ):
        return roles.group(roles.GRID_WORKERS, site)

    def create():
        group = Group.objects.get_or_create(name=roles.group_name(roles.GRID_WORKERS, site))[0]
        grant_model_permissions(group, ["wagtailadmin.access_admin"])
        return group

    return keyed_or_create(Group, roles.group_key(roles.GRID_WORKERS), create, site=site, fallback=False)


def provision(site):
    grid_worker_group(site)
    for role, codenames in MODEL_PERMISSIONS.items():
        if group := roles.group(role, site):
            grant_model_permissions(group, codenames)
    for role in (roles.COMMUNITY_STAFF, roles.SITE_ADMINS):
        if group := roles.group(role, site):
            grant_site_permissions(group, site, [SETTINGS_PERMISSION])


def stable_keys():
    return []
