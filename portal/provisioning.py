"""Setting up a community site: each app provides one function, registered with the Wagtail hook
`provision_community`, that sets up its part (section permissions, workflows, collections) for a
site. It runs for every site after `migrate`, when a site is added, and when a section page is
created; it is idempotent. Keys that must exist are registered with `register_stable_keys` and
checked at start-up (portal.checks)."""

from django.contrib.auth.models import Group, Permission
from wagtail import hooks
from wagtail.models import GroupCollectionPermission, GroupPagePermission, GroupSitePermission, Site

PROVISION_HOOK = "provision_community"
KEYS_HOOK = "register_stable_keys"


def provision(site):
    """Run every app's set-up for `site`."""
    for fn in hooks.get_hooks(PROVISION_HOOK):
        fn(site)


def provision_all_sites(**kwargs):
    for site in Site.objects.select_related("root_page"):
        provision(site)


def provision_new_site(sender, instance, raw=False, **kwargs):
    if not raw:
        provision(instance)


def provision_section_site(sender, instance, created=False, raw=False, **kwargs):
    """A section page (its class sets `community_section = True`) was added: set up its site."""
    if raw or not created or not getattr(type(instance), "community_section", False):
        return
    site = instance.get_site()
    if site is not None:
        provision(site)


def required_keys():
    """(model, key) pairs that every install must have, from every app."""
    return [pair for fn in hooks.get_hooks(KEYS_HOOK) for pair in fn()]


def site_page(site, model):
    """The site's page of a section type (e.g. its notice board), or None."""
    return model.objects.descendant_of(site.root_page, inclusive=True).first()


def _permissions(codenames, apps=None):
    """Permission objects for "app_label.codename" strings (historical models if `apps`)."""
    model = apps.get_model("auth", "Permission") if apps else Permission
    result = []
    for name in codenames:
        app_label, codename = name.split(".")
        result.append(model.objects.get(content_type__app_label=app_label, codename=codename))
    return result


def grant_page_permissions(group, page, codenames, apps=None):
    """Give `group` page permissions ("add_page", "publish_page", ...) on `page` and below."""
    model = apps.get_model("wagtailcore", "GroupPagePermission") if apps else GroupPagePermission
    for permission in _permissions([f"wagtailcore.{c}" for c in codenames], apps):
        model.objects.get_or_create(group=group, page=page, permission=permission)


def grant_collection_permissions(group, collection, codenames, apps=None):
    """Give `group` permissions such as "wagtailimages.add_image" on a collection."""
    model = apps.get_model("wagtailcore", "GroupCollectionPermission") if apps else GroupCollectionPermission
    for permission in _permissions(codenames, apps):
        model.objects.get_or_create(group=group, collection=collection, permission=permission)


def grant_model_permissions(group, codenames, apps=None):
    group.permissions.add(*_permissions(codenames, apps))


def grant_site_permissions(group, site, codenames):
    """Permissions such as "portal.change_communitysettings" for one site only (site settings)."""
    for permission in _permissions(codenames):
        GroupSitePermission.objects.get_or_create(group=group, site=site, permission=permission)


SITE_ADMIN_PAGE_PERMISSIONS = [
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
]


def provision_site_admins(site):
    """The community's 站点管理员 run its whole page tree and its settings, nothing else's."""
    from . import roles

    admins = roles.group(roles.SITE_ADMINS, site)
    if admins is None:
        return
    grant_page_permissions(admins, site.root_page, SITE_ADMIN_PAGE_PERMISSIONS)
    grant_site_permissions(admins, site, ["portal.change_communitysettings"])


WORKDAY_PERMISSIONS = [f"portal.{action}_workdayoverride" for action in ("add", "change", "delete", "view")]


def provision_workdays(site):
    """社区工作人员 and 站点管理员 keep the holiday table (it is the same for every community)."""
    from . import roles

    for role in (roles.COMMUNITY_STAFF, roles.SITE_ADMINS):
        if group := roles.group(role, site):
            grant_model_permissions(group, WORKDAY_PERMISSIONS)


def group_named(name):
    return Group.objects.get_or_create(name=name)[0]
