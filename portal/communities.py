"""Adding a community to the sub-district in one step: its site, home page, sections, settings,
groups, workflows and collections. Idempotent. Used by `manage.py add_community` and the admin's
新增社区 page. Each app creates its own part through the `create_community(site)` hook."""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify
from wagtail import hooks
from wagtail.models import Page, Site

from . import roles
from .keys import keyed_or_create
from .models import CommunitySettings
from .provisioning import grant_model_permissions, provision

CREATE_HOOK = "create_community"


def add_community(name, hostname, port=80, sub_district=""):
    """The community's Site, created or completed; nothing that exists is created twice."""
    with transaction.atomic():
        site = Site.objects.filter(hostname=hostname, port=port).first()
        if site is None:
            site = Site.objects.create(
                hostname=hostname, port=port, site_name=name, root_page=new_home(name, hostname)
            )
        settings = CommunitySettings.for_site(site)
        if settings.community_name != name or (sub_district and settings.sub_district != sub_district):
            settings.community_name = name
            settings.sub_district = sub_district or settings.sub_district
            settings.save()
        community_groups(site)
        for fn in hooks.get_hooks(CREATE_HOOK):
            fn(site)
        provision(site)
    return site


def new_home(name, hostname):
    """A home page of the same type as the default community's, under the tree's root."""
    home_type = type(Site.objects.get(is_default_site=True).root_page.specific)
    slug = slugify(hostname.split(".")[0]) or "community"
    while Page.objects.filter(depth=2, slug=slug).exists():
        slug += "-1"
    home = Page.get_first_root_node().add_child(instance=home_type(title=name, slug=slug))
    home.save_revision().publish()
    return home


def community_groups(site):
    """One group per community role, named like 监委会·历山名郡社区, keyed with the site."""
    result = {}
    for role in roles.COMMUNITY_ROLES:
        result[role] = keyed_or_create(
            Group,
            roles.group_key(role),
            lambda role=role: Group.objects.get_or_create(name=roles.group_name(role, site))[0],
            site=site,
            fallback=False,
        )
        grant_model_permissions(result[role], ["wagtailadmin.access_admin"])
    # Like the default community's (portal/0002): a community's administrators manage its accounts.
    grant_model_permissions(
        result[roles.SITE_ADMINS], ["auth.add_user", "auth.change_user", "auth.delete_user"]
    )
    return result


def section(site, model, **fields):
    """The site's page of `model`, created (and published) under `parent` (default: its home)
    if it has none."""
    parent = fields.pop("parent", site.root_page)
    existing = model.objects.descendant_of(site.root_page).first()
    if existing is not None:
        return existing
    page = parent.add_child(instance=model(**fields))
    page.save_revision().publish()
    return page


def community_name(site):
    """The community's name: its settings once saved, its site name until then."""
    settings = CommunitySettings.objects.filter(site=site).first()
    return settings.community_name if settings else (site.site_name or site.hostname)


def community_workflow(
    site, workflow_key, workflow_label, task_model, task_key, task_label, role, **task_fields
):
    """The community's own review workflow: one task of `task_model` for its `role` group."""
    from wagtail.models import Workflow, WorkflowTask

    name = community_name(site)

    def new_task():
        task = task_model.objects.create(name=f"{task_label}·{name}", **task_fields)
        task.groups.set([roles.group(role, site)])
        return task

    task = keyed_or_create(task_model, task_key, new_task, site=site, fallback=False)

    def new_workflow():
        workflow = Workflow.objects.create(name=f"{workflow_label}·{name}")
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        return workflow

    return keyed_or_create(Workflow, workflow_key, new_workflow, site=site, fallback=False)


def community_collection(site, key, label):
    """The community's own collection (e.g. 社区报·历山名郡社区), created with treebeard's API so
    siblings stay sorted; the default community uses the shared one, named plainly (社区报)."""
    from wagtail.models import Collection

    shared = site.is_default_site
    name = label if shared else f"{label}·{community_name(site)}"
    return keyed_or_create(
        Collection,
        key,
        lambda: Collection.get_first_root_node().add_child(name=name),
        site=None if shared else site,
        fallback=False,
    )
