"""POST data for the Wagtail page editor, built with Wagtail's form-data helpers."""

from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield


def disclosure_form(
    fund, items, opening="10000.00", closing=None, title="2026年第一季度物业管理费使用明细", **extra
):
    """Editor data for a FinancialDisclosurePage; `items` are (date, direction, item, party, amount, voucher)."""
    rows = [
        {
            **({"id": row_id} if row_id else {}),
            "DELETE": "1" if delete else "",
            "date": date,
            "direction": direction,
            "item": item,
            "counterparty": party,
            "amount": amount,
            "voucher_no": voucher,
            "attachment": "",
        }
        for date, direction, item, party, amount, voucher, row_id, delete in (
            tuple(i) + (None, False)[len(i) - 6 :] for i in items
        )
    ]
    data = {
        "title": title,
        "slug": extra.pop("slug", "wuye-2026q1"),
        "issuing_body": "社区居委会",
        "date": "2026-04-03",
        "fund": fund.pk,
        "year": 2026,
        "period_kind": "quarter",
        "period_number": 1,
        "opening_balance": opening,
        "closing_balance": closing if closing is not None else opening,
        "summary": "",
        "tags": "",
        "public_from": "",
        "public_until": "",
        "objection_office": "",
        "objection_phone": "",
        "objection_deadline": "",
        "line_items": inline_formset(rows, initial=sum(1 for r in rows if "id" in r)),
        "comments": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)


def notice_form(title="关于加装电梯意见征询的公示", category="residents", **extra):
    data = {
        "title": title,
        "slug": extra.pop("slug", "dianti"),
        "category": category,
        "issuing_body": "社区居委会",
        "date": "2026-04-03",
        "summary": "",
        "body": streamfield([("heading", "征询范围")]),
        "tags": "",
        "public_from": "",
        "public_until": "",
        "public_working_days": "",
        "objection_office": "",
        "objection_phone": "",
        "objection_deadline": "",
        "related_links": inline_formset([]),
        "comments": inline_formset([]),
    }
    data.update(extra)
    return nested_form_data(data)


GOOD_ITEMS = [
    ("2026-01-05", "income", "收取第一季度物业管理费", "全体业主", "36500.00", "记-001"),
    ("2026-01-11", "expense", "公共区域保洁", "洁美保洁服务公司", "12000.00", "记-002"),
    ("2026-03-31", "expense", "电梯年检", "市特种设备检验所", "1850.50", "记-003"),
]
GOOD_CLOSING = "32649.50"  # 10000.00 + 36500.00 - 12000.00 - 1850.50


def replacing(page, items):
    """Rows that delete the page's current line items and add `items` instead."""
    current = page.get_latest_revision_as_object().line_items.all()
    deleted = [
        (i.date.isoformat(), i.direction, i.item, i.counterparty, str(i.amount), i.voucher_no, i.pk, True)
        for i in current
    ]
    return deleted + list(items)
