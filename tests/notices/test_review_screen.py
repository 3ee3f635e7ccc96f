"""The committee's review screen: reached from the dashboard and the editor, figures first,
progress with names and times, approve in one click, send back only with a reason."""

import pytest
from django.urls import reverse
from django.utils import timezone
from wagtail.models import WorkflowState

from notices.factories import make_disclosure
from portal import roles
from portal.review.models import ReviewApproval

pytestmark = pytest.mark.django_db


@pytest.fixture
def author(make_user):
    return make_user(roles.COMMUNITY_STAFF, username="staff1", first_name="王晓梅")


@pytest.fixture
def disclosure(finance_index, fund, author, committee):
    page = make_disclosure(finance_index, title="2026年第一季度物业管理费使用明细", fund=fund, user=author)
    page.get_workflow().start(page, author)
    return page


def review_url(page):
    page.refresh_from_db()
    return reverse("review_task", args=(page.current_workflow_task_state.pk,))


def test_the_dashboard_links_a_committee_member_to_the_review_page(client, disclosure, committee):
    client.force_login(committee[0])
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    edit_url = reverse("wagtailadmin_pages:edit", args=(disclosure.pk,))
    assert f'href="{edit_url}"' in dashboard
    response = client.get(edit_url)
    assert response.status_code == 302
    assert response["Location"] == review_url(disclosure)


def test_staff_who_edit_in_their_own_right_still_get_the_editor(client, disclosure, make_user):
    other_staff = make_user(roles.COMMUNITY_STAFF, username="staff2")
    client.force_login(other_staff)
    assert client.get(reverse("wagtailadmin_pages:edit", args=(disclosure.pk,))).status_code == 200


def test_the_figures_come_before_the_progress_and_the_buttons(client, disclosure, committee):
    client.force_login(committee[0])
    html = client.get(review_url(disclosure)).content.decode()
    positions = [
        html.index(text) for text in ("期初余额", "收支明细", "已有 0/2 位成员审核通过", "审核通过</button>")
    ]
    assert positions == sorted(positions)
    assert "退回修改</button>" in html
    assert "取消工作流" not in html


def test_progress_names_who_approved_and_when(client, disclosure, committee):
    client.force_login(committee[0])
    state = disclosure.current_workflow_task_state.specific
    response = client.post(
        review_url(disclosure), {"action": "approve", "fingerprint": state.fingerprint, "comment": ""}
    )
    assert response.status_code == 302
    message = " ".join(str(m) for m in client.get(response["Location"]).context["messages"])
    assert "你已审核通过“2026年第一季度物业管理费使用明细”" in message
    assert "已有 1/2 位成员审核通过，还需 1 位成员审核通过后才会公开" in message

    client.force_login(committee[1])
    html = client.get(review_url(disclosure)).content.decode()
    approval = ReviewApproval.objects.get()
    assert "已有 1/2 位成员审核通过" in html
    assert "周德明" in html
    assert timezone.localtime(approval.approved_at).strftime("周德明，%Y年%-m月%-d日 %H:%M") in html


def test_the_last_approval_says_it_is_public(client, disclosure, committee):
    state = disclosure.current_workflow_task_state.specific
    for member in committee[:2]:
        client.force_login(member)
        response = client.post(
            review_url(disclosure), {"action": "approve", "fingerprint": state.fingerprint, "comment": ""}
        )
    message = " ".join(str(m) for m in client.get(response["Location"]).context["messages"])
    assert "已有 2/2 位成员审核通过，已公开" in message
    disclosure.refresh_from_db()
    assert disclosure.live


def test_sending_back_needs_a_reason(client, disclosure, committee):
    client.force_login(committee[0])
    url = review_url(disclosure)
    response = client.post(url, {"action": "reject", "comment": ""})
    assert response.status_code == 200
    assert "请写明退回原因" in response.content.decode()
    disclosure.refresh_from_db()
    assert disclosure.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    response = client.post(url, {"action": "reject", "comment": "第二笔支出缺少发票。"})
    assert response.status_code == 302
    disclosure.refresh_from_db()
    assert disclosure.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_the_review_compares_with_the_last_published_period(client, finance_index, fund, author, committee):
    make_disclosure(
        finance_index,
        title="2025年第四季度",
        fund=fund,
        user=author,
        year=2025,
        period_number=4,
        publish=True,
    )
    previous = fund.disclosures.get(year=2025)
    assert previous.live
    page = make_disclosure(
        finance_index,
        title="2026年第一季度",
        fund=fund,
        user=author,
        opening=str(previous.closing_balance + 10),
    )
    page.get_workflow().start(page, author)
    client.force_login(committee[2])
    html = client.get(review_url(page)).content.decode()
    assert "与上期（2025年第四季度）比较" in html
    assert "与上期期末余额相差 10.00 元，请核对" in html
    assert "本期收入" in html and "与上期相同" in html


def test_a_first_disclosure_says_there_is_nothing_to_compare(client, disclosure, committee):
    client.force_login(committee[0])
    assert "无法与上期比较" in client.get(review_url(disclosure)).content.decode()
