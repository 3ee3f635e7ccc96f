"""A community's volunteer board: staff edit it and its role models, and upload portraits into
the 志愿服务 collection."""

from portal import roles
from portal.communities import community_collection, section
from portal.provisioning import (
    grant_collection_permissions,
    grant_model_permissions,
    grant_page_permissions,
    grant_site_permissions,
    site_page,
)

COLLECTION_KEY = "collection:volunteers"
COLLECTION_NAME = "志愿服务"
STAFF_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
STAFF_MEDIA_PERMISSIONS = [
    "wagtailimages.add_image",
    "wagtailimages.change_image",
    "wagtailimages.choose_image",
]
RECORDS = ["volunteerteam", "volunteer", "servicerecord", "pointstransaction", "commendationperiod"]
STAFF_MODEL_PERMISSIONS = [
    f"volunteers.{action}_{model}" for model in RECORDS for action in ("add", "change", "delete", "view")
] + ["volunteers.view_commendationentry", "volunteers.view_importbatch"]


def provision(site):
    from .models import VolunteerBoardPage

    staff = roles.group(roles.COMMUNITY_STAFF, site)
    if staff is None:
        return
    grant_model_permissions(staff, STAFF_MODEL_PERMISSIONS)
    grant_site_permissions(staff, site, ["volunteers.change_volunteersettings"])
    grant_collection_permissions(
        staff, community_collection(site, COLLECTION_KEY, COLLECTION_NAME), STAFF_MEDIA_PERMISSIONS
    )
    board = site_page(site, VolunteerBoardPage)
    if board is not None:
        grant_page_permissions(staff, board, STAFF_PAGE_PERMISSIONS)


def create(site):
    """A new community's volunteer board, its role models and its own 志愿服务 collection."""
    from .models import RoleModelIndexPage, VolunteerBoardPage

    board = section(site, VolunteerBoardPage, title="志愿服务", slug="volunteers", show_in_menus=True)
    section(site, RoleModelIndexPage, parent=board, title="身边的榜样", slug="role-models")
    community_collection(site, COLLECTION_KEY, COLLECTION_NAME)


def stable_keys():
    return []
