"""A community's notice board: staff edit it, every disclosure under its 财务公开 goes through the
committee's review (the keyed workflow, whatever it is called in the admin)."""

from wagtail.models import Workflow, WorkflowPage

from portal import roles
from portal.communities import community_workflow, section
from portal.keys import keyed
from portal.provisioning import grant_model_permissions, grant_page_permissions, site_page

WORKFLOW_KEY = "workflow:finance-review"
TASK_KEY = "task:committee-approval"
STAFF_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
# Only so that 监委会 sees the disclosures in the explorer; DisclosurePermissionTester denies locking.
COMMITTEE_PAGE_PERMISSIONS = ["lock_page"]
MODEL_PERMISSIONS = {
    roles.COMMUNITY_STAFF: ["notices.add_fund", "notices.change_fund", "notices.view_fund"],
    roles.SITE_ADMINS: [
        "notices.add_fund",
        "notices.change_fund",
        "notices.delete_fund",
        "notices.view_fund",
    ],
    roles.COMMITTEE: ["notices.view_fund"],
}


def provision(site):
    from .models import FinancialDisclosureIndexPage, NoticeIndexPage

    for role, codenames in MODEL_PERMISSIONS.items():
        if group := roles.group(role, site):
            grant_model_permissions(group, codenames)
    board = site_page(site, NoticeIndexPage)
    staff = roles.group(roles.COMMUNITY_STAFF, site)
    if board is not None and staff is not None:
        grant_page_permissions(staff, board, STAFF_PAGE_PERMISSIONS)
    finance = site_page(site, FinancialDisclosureIndexPage)
    workflow = keyed(Workflow, WORKFLOW_KEY, site=site)
    if finance is not None and workflow is not None:
        WorkflowPage.objects.update_or_create(page=finance, defaults={"workflow": workflow})
        if committee := roles.group(roles.COMMITTEE, site):
            grant_page_permissions(committee, finance, COMMITTEE_PAGE_PERMISSIONS)


def create(site):
    """A new community's notice board, its 财务公开 section and its own committee review."""
    from .models import CommitteeApprovalTask, FinancialDisclosureIndexPage, NoticeIndexPage

    board = section(site, NoticeIndexPage, title="公开栏", slug="notices", show_in_menus=True)
    section(site, FinancialDisclosureIndexPage, parent=board, title="财务公开", slug="finance")
    community_workflow(
        site,
        WORKFLOW_KEY,
        "财务公开审核",
        CommitteeApprovalTask,
        TASK_KEY,
        "监委会审核",
        roles.COMMITTEE,
        quorum=2,
    )


def stable_keys():
    from .models import CommitteeApprovalTask

    return [(Workflow, WORKFLOW_KEY), (CommitteeApprovalTask, TASK_KEY)]
