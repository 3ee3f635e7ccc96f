"""The public disclosure page and its CSV."""

import csv
import io
from decimal import Decimal

import pytest
from django.test import RequestFactory

from notices.factories import make_disclosure
from notices.money import yuan

pytestmark = pytest.mark.django_db

ROWS = [
    (2, "income", "收取第二季度物业管理费", "全体业主", "41250.00", "记-101"),
    (5, "income", "公共收益（电梯广告）", "星辰传媒有限公司", "3600.00", "记-102"),
    (12, "expense", "公共区域保洁", "洁美保洁服务公司", "12000.00", "记-103"),
    (30, "expense", "绿化补植", "绿源园林工程队", "2385.60", "记-104"),
    (60, "expense", "监控设备维修，含配件", "安达电子", "899.99", "记-105"),
]


@pytest.fixture
def disclosure(finance_index, fund):
    return make_disclosure(
        finance_index,
        fund=fund,
        rows=ROWS,
        opening="18888.88",
        publish=True,
        title="2026年第二季度物业管理费使用明细",
        period_number=2,
    )


def test_page_shows_the_four_figures_with_capital_numerals_and_the_items(client, disclosure):
    html = client.get(disclosure.url).content.decode()
    assert "物业管理费" in html and "2026年第二季度" in html
    for label, amount, words in [
        ("期初余额", "18,888.88", "壹万捌仟捌佰捌拾捌元捌角捌分"),
        ("本期收入", "44,850.00", "肆万肆仟捌佰伍拾元整"),
        ("本期支出", "15,285.59", "壹万伍仟贰佰捌拾伍元伍角玖分"),
        ("期末余额", "48,453.29", "肆万捌仟肆佰伍拾叁元贰角玖分"),
    ]:
        assert label in html and f"{amount} 元" in html and words in html
    # A table on wide screens that stacks into labelled cards on a phone.
    assert '<td data-label="项目">监控设备维修，含配件' in html
    assert html.count('<td data-label="金额（元）"') == len(ROWS)
    assert "notices/notices.css" in html


def test_csv_is_excel_friendly_and_matches_the_page(client, disclosure):
    response = client.get(disclosure.url + "csv/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = response.content
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert text.splitlines()[0] == "日期,收支,项目,对方,金额,凭证号"
    *rows, last = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(ROWS)
    # The last line carries the 核验码 of the published version, as the page shows it.
    assert last["日期"] == "核验码"
    assert last["收支"] == disclosure.get_context(RequestFactory().get("/"))["verification_code"] != ""
    assert rows[4] == {
        "日期": "2026-05-31",
        "收支": "支出",
        "项目": "监控设备维修，含配件",
        "对方": "安达电子",
        "金额": "899.99",
        "凭证号": "记-105",
    }
    assert {r["收支"] for r in rows} == {"收入", "支出"}
    income = sum(Decimal(r["金额"]) for r in rows if r["收支"] == "收入")
    expense = sum(Decimal(r["金额"]) for r in rows if r["收支"] == "支出")
    figures = {label: amount for label, amount, _ in disclosure.summary_figures()}
    assert income == figures["本期收入"] and expense == figures["本期支出"]
    html = client.get(disclosure.url).content.decode()
    assert f"{yuan(income)} 元" in html and f"{yuan(expense)} 元" in html
    assert f'href="/notices/finance/{disclosure.slug}/csv/"' in html


def test_unpublished_disclosure_is_not_public(client, finance_index, fund):
    draft = make_disclosure(finance_index, fund=fund)
    assert client.get(f"/notices/finance/{draft.slug}/").status_code == 404
    assert client.get(f"/notices/finance/{draft.slug}/csv/").status_code == 404


def test_disclosure_text_is_searchable(finance_index, fund):
    from notices.models import FinancialDisclosurePage

    page = make_disclosure(finance_index, fund=fund, rows=ROWS, publish=True, period_number=2)
    text = FinancialDisclosurePage.objects.get(pk=page.pk).search_text()
    assert "绿化补植" in text and "洁美保洁服务公司" in text and "物业管理费" in text
    assert "search_text" in [f.field_name for f in FinancialDisclosurePage.search_fields]
    assert [p.pk for p in FinancialDisclosurePage.objects.live().search("绿化补植")] == [page.pk]


def test_csv_cells_cannot_become_excel_formulas(client, finance_index, fund):
    page = make_disclosure(
        finance_index,
        fund=fund,
        rows=[(1, "income", '=HYPERLINK("http://x")', "@某公司", "10.00", "-1")],
        publish=True,
    )
    rows = list(csv.reader(io.StringIO(client.get(page.url + "csv/").content.decode("utf-8-sig"))))
    assert rows[1] == ["2026-01-02", "收入", '\'=HYPERLINK("http://x")', "'@某公司", "10.00", "'-1"]


def test_finance_index_is_not_in_the_sitemap(client, finance_index):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/notices/</loc>" in sitemap
    assert "/notices/finance/" not in sitemap


@pytest.mark.parametrize("size", [1, 10])
def test_page_and_print_view_run_the_same_queries_for_1_or_10_items_with_attachments(
    client, finance_index, fund, staff_user, committee, size, django_assert_max_num_queries
):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from notices.factories import publish_through_committee
    from notices.models import DisclosureItem

    rows = [(n + 1, "expense", f"维修材料第{n + 1}批", "五金店", "10.00", f"记-{n}") for n in range(size)]
    page = make_disclosure(finance_index, fund=fund, user=staff_user, rows=rows)
    draft = page.get_latest_revision_as_object()
    items = list(draft.line_items.all())
    for n, item in enumerate(items):
        item.attachment = get_document_model().objects.create(
            title=f"发票{n}", file=ContentFile(b"%PDF-1.4 " + str(n).encode(), name=f"invoice{n}.pdf")
        )
    draft.line_items = items
    draft.save_revision(user=staff_user)
    publish_through_committee(page, submitter=staff_user, members=committee[:2])
    # Every other item as saved before attachments were frozen: it links to the document itself.
    legacy = DisclosureItem.objects.filter(page=page).order_by("sort_order")[::2]
    DisclosureItem.objects.filter(pk__in=[i.pk for i in legacy]).update(attachment_sha256="")

    client.get(page.url)  # warm the site caches
    with django_assert_max_num_queries(18):
        html = client.get(page.url).content.decode()
    assert html.count(">附件</a>") == size
    assert html.count("/disclosure-files/") == size - len(legacy)
    with django_assert_max_num_queries(18):
        printed = client.get(page.url + "print/").content.decode()
    assert printed.count("维修材料第") == size
