"""Insider attacks that are correctly refused and no other test covered (security review of issue 10)."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from news.factories import ArticlePageFactory, IssuePageFactory, NewsIndexPageFactory, PublicationPageFactory
from notices.factories import make_disclosure, publish_through_committee
from notices.models import CommitteeApprovalTask, FinancialDisclosurePage, Fund
from portal import roles
from portal.review.models import ReviewApproval

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin(make_user):
    return make_user(roles.SITE_ADMINS, username="siteadmin2", first_name="刘主任")


@pytest.fixture
def under_review(finance_index, fund, staff_user):
    page = make_disclosure(finance_index, fund=fund, user=staff_user)
    page.get_workflow().start(page, staff_user)
    return page


def test_a_member_cannot_approve_through_the_editor_with_changed_figures(client, committee, under_review):
    """The editor's 'workflow action' would save the posted form first: members are locked out."""
    from .admin_forms import GOOD_ITEMS, disclosure_form, replacing

    state = under_review.current_workflow_task_state.specific
    revisions = under_review.revisions.count()
    client.force_login(committee[0])
    data = disclosure_form(
        under_review.fund, replacing(under_review, GOOD_ITEMS[:1]), closing="46500.00", slug=under_review.slug
    )
    data.update(
        {
            "action-workflow-action": "1",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"fingerprint": state.fingerprint}),
        }
    )
    client.post(reverse("wagtailadmin_pages:edit", args=(under_review.pk,)), data)
    # collect_workflow_action_data only echoes the form back; it decides nothing.
    client.post(
        reverse(
            "wagtailadmin_pages:collect_workflow_action_data", args=(under_review.pk, "approve", state.pk)
        ),
        {"fingerprint": state.fingerprint},
    )
    assert under_review.revisions.count() == revisions
    assert not ReviewApproval.objects.exists()


def test_the_chief_cannot_approve_a_disclosure_through_a_news_page_url(
    client, make_user, home_page, committee, under_review
):
    chief = make_user(roles.EDITOR_IN_CHIEF, roles.COMMITTEE, username="chief-member", first_name="李建国")
    publication = PublicationPageFactory(parent=NewsIndexPageFactory(parent=home_page))
    issue = IssuePageFactory(parent=publication, number=1)
    article = ArticlePageFactory(parent=issue, live=False)
    article.save_revision(user=make_user(roles.RESIDENT_EDITORS, username="writer"))
    article.get_workflow().start(article, None)
    disclosure_state = under_review.current_workflow_task_state.specific
    client.force_login(make_user(roles.EDITOR_IN_CHIEF, username="chief-only"))
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "approve", disclosure_state.pk)),
        {"fingerprint": disclosure_state.fingerprint},
    )
    assert article.workflow_in_progress
    assert response.status_code in (302, 403)  # the admin turns PermissionDenied into a message
    assert not ReviewApproval.objects.exists()
    # A 主编 who is also a committee member approves as a member, never as 主编 and member at once.
    client.force_login(chief)
    client.post(
        reverse("review_task", args=(disclosure_state.pk,)),
        {"action": "approve", "fingerprint": disclosure_state.fingerprint},
    )
    client.post(
        reverse("review_task", args=(disclosure_state.pk,)),
        {"action": "approve", "fingerprint": disclosure_state.fingerprint},
    )
    assert ReviewApproval.objects.filter(user=chief).count() == 1
    assert not FinancialDisclosurePage.objects.get(pk=under_review.pk).live


@pytest.mark.parametrize("who", ["staff_user", "site_admin", "admin_user_role"])
def test_nobody_unschedules_an_approved_scheduled_disclosure(
    client, request, finance_index, fund, staff_user, committee, who
):
    page = make_disclosure(finance_index, fund=fund, user=staff_user)
    page.go_live_at = timezone.now() + datetime.timedelta(days=1)
    approved = page.save_revision(user=staff_user)
    publish_through_committee(page, submitter=staff_user, members=committee[:2])
    approved.refresh_from_db()
    assert approved.approved_go_live_at
    client.force_login(request.getfixturevalue(who))
    client.post(reverse("wagtailadmin_pages:revisions_unschedule", args=(page.pk, approved.pk)))
    approved.refresh_from_db()
    assert approved.approved_go_live_at


def test_a_fund_with_disclosures_cannot_be_deleted(
    client, site_admin, finance_index, fund, staff_user, committee
):
    make_disclosure(finance_index, fund=fund, user=staff_user, publish=True, members=committee[:2])
    client.force_login(site_admin)
    client.post(reverse("wagtailsnippets_notices_fund:delete", args=(fund.pk,)))
    client.post(reverse("wagtail_bulk_action", args=("notices", "fund", "delete")) + f"?id={fund.pk}")
    assert Fund.objects.filter(pk=fund.pk).exists()


def test_even_a_superuser_cannot_weaken_the_committee_task(client, admin_user_role):
    """Quorum below 2, or staff or editors as the task's reviewers, are refused in the task editor."""
    task = CommitteeApprovalTask.objects.get()
    client.force_login(admin_user_role)
    url = reverse("wagtailadmin_workflows:edit_task", args=(task.pk,))
    for groups, quorum in (
        ([roles.group(roles.COMMITTEE).pk], "1"),
        ([roles.group(roles.COMMUNITY_STAFF).pk], "2"),
        ([roles.group(roles.RESIDENT_EDITORS).pk, roles.group(roles.COMMITTEE).pk], "2"),
    ):
        response = client.post(url, {"name": task.name, "groups": groups, "quorum": quorum})
        assert response.status_code == 200
    task.refresh_from_db()
    assert task.quorum == 2
    assert list(task.groups.all()) == [roles.group(roles.COMMITTEE)]
    assert (
        "至少需要 2 位"
        in client.post(
            url, {"name": task.name, "groups": [roles.group(roles.COMMITTEE).pk], "quorum": "1"}
        ).content.decode()
    )
