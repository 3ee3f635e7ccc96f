"""A published disclosure that is changed and re-approved says so and shows what changed."""

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags

from notices.factories import make_disclosure, publish_through_committee

from .admin_forms import GOOD_ITEMS, disclosure_form

pytestmark = pytest.mark.django_db


def approve(client, member, page):
    client.force_login(member)
    page.refresh_from_db()
    state = page.current_workflow_task_state.specific
    url = reverse("wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.pk))
    client.post(url, {"fingerprint": state.fingerprint})


def test_a_corrected_disclosure_shows_the_date_and_the_changes(
    client, staff_user, committee, finance_index, fund
):
    page = make_disclosure(finance_index, fund=fund, publish=True, user=staff_user)
    client.logout()
    assert "更正" not in client.get(page.url).content.decode()

    ids = [item.pk for item in page.line_items.all()]
    corrected = [
        ("2026-01-05", "income", "收取第一季度物业管理费", "全体业主", "36500.00", "记-001", ids[0], False),
        ("2026-01-11", "expense", "公共区域保洁", "洁美保洁服务公司", "12600.00", "记-002", ids[1], False),
        ("2026-01-21", "expense", "电梯年检", "市特种设备检验所", "1850.50", "记-003", ids[2], True),
        ("2026-02-14", "expense", "楼道灯更换", "明亮电器维修部", "320.00", "记-004"),
    ]
    client.force_login(staff_user)
    data = disclosure_form(fund, corrected, closing="33580.00", slug=page.slug)
    assert (
        client.post(
            reverse("wagtailadmin_pages:edit", args=(page.pk,)), {**data, "action-submit": "1"}
        ).status_code
        == 302
    )

    client.logout()
    before = client.get(page.url).content.decode()
    assert "12,000.00" in before and "更正" not in before  # residents still see the approved version

    approve(client, committee[0], page)
    approve(client, committee[1], page)
    page.refresh_from_db()
    assert page.live and not page.workflow_in_progress

    client.logout()
    html = client.get(page.url).content.decode()
    today = timezone.localdate()
    assert f"本公示已于{today.year}年{today.month}月{today.day}日更正" in strip_tags(html)
    assert "期末余额：由 32,649.50 改为 33,580.00" in html
    assert [i.voucher_no for i in page.line_items.all()] == ["记-001", "记-002", "记-004"]
    assert "新增：2026-02-14 支出 楼道灯更换 320.00 元（凭证号 记-004）" in html
    assert "删除：2026-01-21 支出 电梯年检 1,850.50 元（凭证号 记-003）" in html
    assert (
        "修改：2026-01-11 支出 公共区域保洁 12,000.00 元（凭证号 记-002）——金额由 12,000.00 改为 12,600.00"
        in html
    )
    assert "收取第一季度物业管理费 36,500.00" not in html.split("更正内容")[1].split("</section>")[0]
    assert "监委会审核：周德明、吴桂英" in html


def test_republishing_the_same_figures_is_not_a_correction(client, staff_user, finance_index, fund):
    page = make_disclosure(finance_index, fund=fund, publish=True)
    page.save_revision(user=staff_user)
    publish_through_committee(page, submitter=staff_user)
    assert len(page.publications()) == 2
    assert page.corrections() == []
    assert "更正" not in client.get(page.url).content.decode()


def test_rows_left_out_of_the_post_still_count_for_the_balance(client, staff_user, finance_index, fund):
    """A crafted POST that omits existing rows cannot unbalance the stored disclosure."""
    page = make_disclosure(finance_index, fund=fund, user=staff_user)
    client.force_login(staff_user)
    data = disclosure_form(fund, GOOD_ITEMS[:1], closing="46500.00", slug=page.slug)
    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    assert response.status_code == 200
    assert "账目不平" in response.content.decode()
    assert len(GOOD_ITEMS) == 3
