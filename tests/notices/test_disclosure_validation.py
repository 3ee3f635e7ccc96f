"""Saving a disclosure in the editor: bad figures are refused in Chinese and nothing is saved."""

import pytest
from django.urls import reverse

from notices.models import FinancialDisclosurePage

from .admin_forms import GOOD_CLOSING, GOOD_ITEMS, disclosure_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def add_url(finance_index):
    return reverse("wagtailadmin_pages:add", args=("notices", "financialdisclosurepage", finance_index.pk))


@pytest.fixture
def staff_client(client, staff_user, finance_index):
    client.force_login(staff_user)
    return client


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_a_balanced_disclosure_is_saved_as_draft(staff_client, add_url, fund):
    response = staff_client.post(add_url, disclosure_form(fund, GOOD_ITEMS, closing=GOOD_CLOSING))
    assert response.status_code == 302, response.context["form"].errors
    page = FinancialDisclosurePage.objects.get()
    assert not page.live
    assert page.category == "finance"
    assert [i.amount for i in page.line_items.all()] == [36500, 12000, 1850.5]


@pytest.mark.parametrize(
    ("items", "closing", "message"),
    [
        (
            [("2026-04-01", "income", "四月的收入", "某单位", "100.00", "记-9")],
            "10100.00",
            "第1行：日期 2026-04-01 不在本期（2026-01-01 至 2026-03-31）内。",
        ),
        (GOOD_ITEMS, "32649.51", "相差 0.01 元"),
        (GOOD_ITEMS, "30000.00", "与填写的期末余额 30,000.00 元相差 -2,649.50 元"),
        ([("2026-01-05", "income", "收入", "某单位", "0", "记-1")], "10000.00", "金额必须大于零"),
        ([("2026-01-05", "expense", "支出", "某单位", "-5.00", "记-1")], "10005.00", "金额必须大于零"),
        ([("2026-01-05", "income", "收入", "某单位", "1.005", "记-1")], "10001.01", "确认小数不超过 2 位"),
        ([], "10000.00", "请至少填写一笔收支明细"),
    ],
)
def test_bad_figures_are_refused_in_chinese_and_nothing_is_saved(
    staff_client, add_url, fund, items, closing, message
):
    response = staff_client.post(add_url, disclosure_form(fund, items, closing=closing))
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert not FinancialDisclosurePage.objects.exists()
    # What was typed is still in the form.
    assert "2026年第一季度物业管理费使用明细" in html


def test_editing_a_live_disclosure_into_imbalance_changes_nothing(
    staff_client, finance_index, fund, admin_user_role
):
    from notices.factories import make_disclosure

    page = make_disclosure(finance_index, fund=fund, publish=True)
    revisions = page.revisions.count()
    url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    response = staff_client.post(url, disclosure_form(fund, GOOD_ITEMS, closing="1.00", slug=page.slug))
    assert response.status_code == 200
    assert "账目不平" in response.content.decode()
    assert page.revisions.count() == revisions


def test_a_period_that_does_not_exist_is_refused(staff_client, add_url, fund):
    data = disclosure_form(fund, GOOD_ITEMS, closing=GOOD_CLOSING, period_number=5)
    response = staff_client.post(add_url, data)
    assert response.status_code == 200
    assert "期间不存在" in response.content.decode()
    assert not FinancialDisclosurePage.objects.exists()
