"""A community's newspaper: resident editors write, the 主编 approves (the keyed workflow), and
both upload pictures and PDFs into the 社区报 collection."""

from wagtail.models import Workflow, WorkflowPage

from portal import roles
from portal.communities import community_collection, community_workflow, section
from portal.keys import keyed
from portal.provisioning import (
    grant_collection_permissions,
    grant_model_permissions,
    grant_page_permissions,
    site_page,
)

WORKFLOW_KEY = "workflow:news-review"
TASK_KEY = "task:chief-approval"
COLLECTION_KEY = "collection:news"
COLLECTION_NAME = "社区报"

# Resident editors write but never publish: their "publish" goes to the workflow.
PAGE_PERMISSIONS = {
    roles.RESIDENT_EDITORS: ["add_page", "change_page"],
    roles.EDITOR_IN_CHIEF: ["add_page", "change_page", "publish_page"],
}
MEDIA_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.choose_image",
    "wagtaildocs.add_document",
    "wagtaildocs.choose_document",
]
MODEL_PERMISSIONS = {
    roles.RESIDENT_EDITORS: ["news.add_correspondent", "news.change_correspondent"],
    roles.EDITOR_IN_CHIEF: [
        "news.add_correspondent",
        "news.change_correspondent",
        "news.add_column",
        "news.change_column",
        "news.delete_column",
    ],
}


def provision(site):
    from .models import NewsIndexPage

    media = community_collection(site, COLLECTION_KEY, COLLECTION_NAME)
    index = site_page(site, NewsIndexPage)
    for role, codenames in PAGE_PERMISSIONS.items():
        group = roles.group(role, site)
        if group is None:
            continue
        grant_collection_permissions(group, media, MEDIA_PERMISSIONS)
        grant_model_permissions(group, MODEL_PERMISSIONS[role])
        if index is not None:
            grant_page_permissions(group, index, codenames)
    workflow = keyed(Workflow, WORKFLOW_KEY, site=site)
    if index is not None and workflow is not None:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})


def create(site):
    """A new community's /news/, its own 社区报 collection and its own 主编 review."""
    from .models import ChiefApprovalTask, NewsIndexPage

    section(site, NewsIndexPage, title="社区报", slug="news", show_in_menus=True)
    community_collection(site, COLLECTION_KEY, COLLECTION_NAME)
    community_workflow(
        site, WORKFLOW_KEY, "社区报审稿", ChiefApprovalTask, TASK_KEY, "主编审核", roles.EDITOR_IN_CHIEF
    )


def stable_keys():
    from .models import ChiefApprovalTask

    return [(Workflow, WORKFLOW_KEY), (ChiefApprovalTask, TASK_KEY)]
