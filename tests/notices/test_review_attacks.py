"""Insider attacks on the committee sign-off (issue: approvals bound to the exact figures).

Each test plays one trick through the admin as an insider would and shows that nothing the
committee did not approve reaches residents.
"""

import threading

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from wagtail.actions.revert_to_page_revision import RevertToPageRevisionAction
from wagtail.admin.api.views import PagesAdminAPIViewSet

from notices.models import FinancialDisclosurePage
from portal import roles
from portal.review import actions
from portal.review.fingerprint import fingerprint
from portal.review.models import ReviewApproval

from .admin_forms import GOOD_CLOSING, GOOD_ITEMS, disclosure_form, replacing

pytestmark = pytest.mark.django_db

WRONG_ITEMS = [
    ("2026-01-05", "income", "收取第一季度物业管理费", "全体业主", "36500.00", "记-001"),
    ("2026-01-11", "expense", "公共区域保洁", "洁美保洁服务公司", "18000.00", "记-002"),
    ("2026-03-31", "expense", "电梯年检", "市特种设备检验所", "1850.50", "记-003"),
]
WRONG_CLOSING = "26649.50"


@pytest.fixture
def author(make_user):
    return make_user(roles.COMMUNITY_STAFF, username="staff1", first_name="王晓梅")


def edit(client, user, page, items, closing, action=None):
    client.force_login(user)
    page.refresh_from_db()
    data = disclosure_form(page.fund, replacing(page, items), closing=closing, slug=page.slug)
    if action:
        data[action] = "1"
    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    assert response.status_code == 302, response.context and response.context["form"].errors
    page.refresh_from_db()
    return page


@pytest.fixture
def under_review(client, author, finance_index, fund, committee):
    """Staff saved a draft with wrong figures, restored the right ones and submitted."""
    client.force_login(author)
    url = reverse("wagtailadmin_pages:add", args=("notices", "financialdisclosurepage", finance_index.pk))
    assert client.post(url, disclosure_form(fund, WRONG_ITEMS, closing=WRONG_CLOSING)).status_code == 302
    page = FinancialDisclosurePage.objects.get()
    page.wrong_revision = page.latest_revision
    edit(client, author, page, GOOD_ITEMS, GOOD_CLOSING, action="action-submit")
    assert page.workflow_in_progress
    return page


def review_fingerprint(client, member, page):
    """What a member's open review screen carries: the fingerprint of the figures shown."""
    client.force_login(member)
    state = page.current_workflow_task_state
    html = client.get(reverse("review_task", args=(state.pk,))).content.decode()
    assert "12,000.00" in html  # the right figures are what they reviewed
    return html.split('name="fingerprint" value="')[1].split('"')[0]


def approve(client, member, page, seen):
    client.force_login(member)
    page.refresh_from_db()
    state = page.current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.pk))
    return client.post(url, {"fingerprint": seen}, follow=True)


def messages_of(response):
    return " ".join(str(m) for m in response.context["messages"])


def test_the_admin_api_cannot_revert_or_publish_anything(client, author, under_review, admin_user_role):
    latest = under_review.latest_revision_id
    for user in (author, admin_user_role):
        client.force_login(user)
        for action in PagesAdminAPIViewSet.actions:
            response = client.post(
                f"/admin/api/main/pages/{under_review.pk}/action/{action}/",
                {"revision_id": under_review.wrong_revision.pk, "destination_page_id": 1},
                content_type="application/json",
            )
            assert response.status_code == 404, action
    under_review.refresh_from_db()
    assert under_review.latest_revision_id == latest and not under_review.live
    # Reading through the API (the explorer uses it) still works.
    assert client.get(f"/admin/api/main/pages/?child_of={under_review.get_parent().pk}").status_code == 200


def test_content_changed_under_review_voids_approvals_and_stale_approvals_are_refused(
    client, author, committee, under_review
):
    seen = [review_fingerprint(client, member, under_review) for member in committee[:2]]
    assert approve(client, committee[0], under_review, seen[0]).status_code == 200
    assert ReviewApproval.objects.count() == 1
    mail.outbox.clear()

    # The wrong draft comes back by a path that skips the editor (what the API action did).
    RevertToPageRevisionAction(under_review, under_review.wrong_revision, user=author).execute(
        skip_permission_checks=True
    )
    under_review.refresh_from_db()
    state = under_review.current_workflow_task_state.specific
    assert state.revision_id == under_review.latest_revision_id  # a new review round started
    assert not state.review_approvals.exists()  # the earlier approval is void
    told = {address for m in mail.outbox if "需要重新审核" in m.subject for address in m.to}
    assert {m.email for m in committee} <= told

    # Both members approve from the screens they already had open: refused, clearly, in Chinese.
    for member, fp in zip(committee[:2], seen, strict=True):
        response = approve(client, member, under_review, fp)
        assert "你审核的内容已被修改" in messages_of(response)
    under_review.refresh_from_db()
    assert not under_review.live
    assert not ReviewApproval.objects.filter(task_state=state).exists()

    # They look again: they see (and approve) exactly the figures that then go live.
    for member in committee[:2]:
        client.force_login(member)
        html = client.get(reverse("review_task", args=(state.pk,))).content.decode()
        assert "18,000.00" in html
        approve(client, member, under_review, state.fingerprint)
    under_review.refresh_from_db()
    assert under_review.live
    live = fingerprint(FinancialDisclosurePage.objects.get(pk=under_review.pk).public_record())
    assert {a.fingerprint for a in under_review.committee_signoff()["approvals"]} == {live}


def test_an_approval_for_another_fingerprint_is_refused(client, committee, under_review):
    response = approve(client, committee[0], under_review, "0" * 64)
    assert "你审核的内容已被修改" in messages_of(response)
    assert not ReviewApproval.objects.exists()


def test_a_crafted_approval_without_a_fingerprint_does_nothing(client, committee, under_review):
    client.force_login(committee[0])
    state = under_review.current_workflow_task_state
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(under_review.pk, "approve", state.pk)), {}
    )
    assert not ReviewApproval.objects.exists()


def test_approving_a_round_that_was_restarted_is_refused(client, committee, under_review, admin_user_role):
    old = under_review.current_workflow_task_state.specific
    draft = under_review.get_latest_revision_as_object()
    draft.summary = "超级管理员改了说明"
    draft.save_revision(user=admin_user_role)  # any change restarts the round
    with pytest.raises(actions.ReviewRefused, match="已经结束或已重新开始"):
        actions.approve(old.pk, committee[0], old.fingerprint)
    assert not ReviewApproval.objects.exists()


def test_anyone_who_wrote_a_revision_since_the_last_publication_cannot_approve(
    client, committee, under_review
):
    # A committee member who (by any route) saved a revision of these figures is an author.
    under_review.get_latest_revision_as_object().save_revision(user=committee[2])
    state = under_review.current_workflow_task_state.specific
    assert committee[2].pk in state.task.specific.authors(state)
    assert under_review.current_workflow_task.get_actions(under_review, committee[2]) == []
    with pytest.raises(actions.ReviewRefused, match="不能审核自己经手的内容"):
        actions.approve(state.pk, committee[2], state.fingerprint)


def test_double_click_gives_one_approval_and_a_message(client, committee, under_review):
    fp = under_review.current_workflow_task_state.specific.fingerprint
    first = approve(client, committee[0], under_review, fp)
    second = approve(client, committee[0], under_review, fp)
    assert first.status_code == second.status_code == 200
    assert ReviewApproval.objects.count() == 1
    assert not FinancialDisclosurePage.objects.get().live


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_members_at_the_same_moment_publish_once_without_errors(client, author, committee, under_review):
    state = under_review.current_workflow_task_state.specific
    results, barrier = [], threading.Barrier(3)

    def member_approves(member):
        barrier.wait()
        try:
            actions.approve(state.pk, member, state.fingerprint, "同意")
            results.append("ok")
        except actions.ReviewRefused as refusal:
            results.append(str(refusal))
        except Exception as error:  # noqa: BLE001 - any other error is the failure we look for
            results.append(f"error: {error!r}")
        finally:
            connection.close()

    threads = [threading.Thread(target=member_approves, args=(m,)) for m in committee]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not [r for r in results if r.startswith("error")], results
    assert results.count("ok") == 2  # the third found the review finished
    page = FinancialDisclosurePage.objects.get()
    assert page.live
    assert ReviewApproval.objects.filter(task_state=state).count() == 2
    assert len(page.publications()) == 1
