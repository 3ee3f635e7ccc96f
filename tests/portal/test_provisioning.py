"""Per-site set-up through one hook, and workflows, tasks and groups found by stable keys."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Collection, GroupPagePermission, Site, Workflow, WorkflowTask

from notices.factories import FinancialDisclosureIndexPageFactory, NoticeIndexPageFactory
from notices.models import CommitteeApprovalTask, FinancialDisclosureIndexPage, FinancialDisclosurePage
from portal import roles
from portal.accounts.models import set_verified_name
from portal.checks import stable_keys_check
from portal.keys import keyed
from portal.provisioning import provision
from tests.notices.admin_forms import GOOD_CLOSING, GOOD_ITEMS, disclosure_form

pytestmark = pytest.mark.django_db


def add_community(name, hostname):
    from portal.communities import add_community as add

    return add(name, hostname)


def test_renamed_workflow_task_and_groups_keep_the_committee_quorum(client, admin_user_role, make_user):
    workflow = keyed(Workflow, "workflow:finance-review")
    task = keyed(CommitteeApprovalTask, "task:committee-approval")
    client.force_login(admin_user_role)
    response = client.post(
        reverse("wagtailadmin_workflows:edit", args=(workflow.pk,)),
        {
            "name": "财务公开（新名称）",
            "workflow_tasks-TOTAL_FORMS": "1",
            "workflow_tasks-INITIAL_FORMS": "1",
            "workflow_tasks-MIN_NUM_FORMS": "0",
            "workflow_tasks-MAX_NUM_FORMS": "1000",
            "workflow_tasks-0-id": str(WorkflowTask.objects.get(workflow=workflow).pk),
            "workflow_tasks-0-task": str(task.pk),
            "workflow_tasks-0-ORDER": "1",
            "workflow_tasks-0-DELETE": "",
            "pages-TOTAL_FORMS": "0",
            "pages-INITIAL_FORMS": "0",
            "pages-MIN_NUM_FORMS": "0",
            "pages-MAX_NUM_FORMS": "1000",
        },
    )
    assert response.status_code == 302
    response = client.post(
        reverse("wagtailadmin_workflows:edit_task", args=(task.pk,)),
        {"name": "居务监督委员会审核", "groups": [g.pk for g in task.groups.all()], "quorum": "2"},
    )
    assert response.status_code == 302
    for role in roles.ALL_ROLES:
        Group.objects.filter(pk=roles.group(role).pk).update(name=f"{roles.LABELS[role]}（改名）")
    assert not Workflow.objects.filter(name="财务公开审核").exists()

    site = add_community("历山名郡社区", "lishan.localhost")
    finance = FinancialDisclosureIndexPage.objects.descendant_of(site.root_page).get()
    new_workflow = finance.get_workflow()  # its own, not Wagtail's default "Moderators approval"
    assert new_workflow == keyed(Workflow, "workflow:finance-review", site=site, fallback=False)
    assert new_workflow.tasks.get().specific.quorum == 2
    staff = make_user(username="newstaff")
    staff.groups.add(roles.group(roles.COMMUNITY_STAFF, site))
    committee = [make_user(username=f"m{i}", first_name=f"成员{i}") for i in range(2)]
    for member in committee:
        member.groups.add(roles.group(roles.COMMITTEE, site))
        set_verified_name(member, member.first_name)
    client.force_login(staff)
    url = reverse("wagtailadmin_pages:add", args=("notices", "financialdisclosurepage", finance.pk))
    data = disclosure_form(keyed_fund(site), GOOD_ITEMS, closing=GOOD_CLOSING)
    assert client.post(url, {**data, "action-publish": "1"}).status_code == 302
    page = FinancialDisclosurePage.objects.get()
    state = page.current_workflow_task_state.specific
    assert state.task.specific.quorum == 2
    from portal.review import actions

    actions.approve(state.pk, committee[0], state.fingerprint)
    page.refresh_from_db()
    assert not page.live  # one member is not a quorum
    actions.approve(state.pk, committee[1], state.fingerprint)
    page.refresh_from_db()
    assert page.live


def keyed_fund(site):
    from notices.factories import FundFactory

    return FundFactory(name="物业管理费", site=site)


def test_provisioning_is_idempotent_and_grants_the_section_permissions(home_page):
    board = NoticeIndexPageFactory(parent=home_page)
    finance = FinancialDisclosureIndexPageFactory(parent=board)
    site = Site.objects.get(is_default_site=True)
    before = GroupPagePermission.objects.count()
    provision(site)
    provision(site)
    assert GroupPagePermission.objects.count() == before
    staff = roles.group(roles.COMMUNITY_STAFF)
    assert set(
        GroupPagePermission.objects.filter(group=staff, page=board).values_list(
            "permission__codename", flat=True
        )
    ) == {"add_page", "change_page", "publish_page"}
    assert finance.get_workflow() == keyed(Workflow, "workflow:finance-review")


def test_collections_are_created_in_name_order_with_treebeard():
    names = list(Collection.get_first_root_node().get_children().values_list("name", flat=True))
    assert {"社区报", "志愿服务"} <= set(names)
    assert names == sorted(names)
    Collection.get_first_root_node().add_child(name="公开栏附件")  # a sorted insert still works
    Collection.get_first_root_node().add_child(name="社区图片")
    assert Collection.find_problems() == ([], [], [], [], [])


def test_a_missing_keyed_workflow_fails_the_start_up_check():
    assert stable_keys_check() == []
    keyed(Workflow, "workflow:finance-review").delete()
    errors = stable_keys_check()
    assert [e.id for e in errors] == ["portal.E001"]
    assert "workflow:finance-review" in errors[0].msg


def test_a_finance_workflow_without_the_committee_task_fails_the_check():
    from notices.checks import finance_workflow_check

    assert finance_workflow_check() == []
    WorkflowTask.objects.filter(workflow=keyed(Workflow, "workflow:finance-review")).delete()
    assert [e.id for e in finance_workflow_check()] == ["notices.E001"]


def test_manage_py_check_passes_on_a_migrated_database():
    call_command("check")
