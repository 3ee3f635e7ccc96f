"""Financial disclosure rules as pure functions: periods, validation, totals and corrections."""

import calendar
import datetime
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from .money import has_more_than_two_places, yuan

INCOME, EXPENSE = "income", "expense"
DIRECTION_CHOICES = [(INCOME, "收入"), (EXPENSE, "支出")]
DIRECTION_LABELS = dict(DIRECTION_CHOICES)
MONTH, QUARTER = "month", "quarter"
PERIOD_KIND_CHOICES = [(MONTH, "月度"), (QUARTER, "季度")]


def period_bounds(year, kind, number):
    """First and last day of a month or quarter; None if the period does not exist."""
    try:
        year, number = int(year), int(number)
    except (TypeError, ValueError):
        return None
    if not 1900 <= year <= 2999:
        return None
    if kind == MONTH and 1 <= number <= 12:
        first_month, last_month = number, number
    elif kind == QUARTER and 1 <= number <= 4:
        first_month, last_month = 3 * number - 2, 3 * number
    else:
        return None
    last_day = calendar.monthrange(year, last_month)[1]
    return datetime.date(year, first_month, 1), datetime.date(year, last_month, last_day)


def period_label(year, kind, number):
    if kind == QUARTER:
        return f"{year}年第{'一二三四'[number - 1]}季度"
    return f"{year}年{number}月"


def _get(item, name):
    return item.get(name) if isinstance(item, dict) else getattr(item, name, None)


def totals(items):
    """(income, expense) of line items (objects or dicts)."""
    income = expense = Decimal("0.00")
    for item in items:
        amount = Decimal(str(_get(item, "amount") or 0))
        if _get(item, "direction") == INCOME:
            income += amount
        else:
            expense += amount
    return income, expense


def compare_with_previous(current, previous):
    """Rows (label, this period, last period, what changed) for reviewers; figures are dicts with
    opening, closing, income and expense (Decimal)."""

    def change(now, before, same="与上期相同"):
        if now == before:
            return same
        return f"比上期{'多' if now > before else '少'} {yuan(abs(now - before))} 元"

    gap = current["opening"] - previous["closing"]
    carried = "与上期期末余额一致" if gap == 0 else f"与上期期末余额相差 {yuan(abs(gap))} 元，请核对"
    return [
        ("期初余额 / 上期期末余额", current["opening"], previous["closing"], carried),
        ("本期收入", current["income"], previous["income"], change(current["income"], previous["income"])),
        (
            "本期支出",
            current["expense"],
            previous["expense"],
            change(current["expense"], previous["expense"]),
        ),
        (
            "期末余额",
            current["closing"],
            previous["closing"],
            change(current["closing"], previous["closing"]),
        ),
    ]


def validate_disclosure(period, opening, closing, items):
    """Chinese error messages for a disclosure; empty if it adds up.

    `period` is (first_day, last_day) or None, `items` objects or dicts with date, direction
    and amount, in the order shown to the editor (rows are numbered from 1).
    """
    errors = []
    for name, value in (("期初余额", opening), ("期末余额", closing)):
        if value is not None and has_more_than_two_places(value):
            errors.append(f"{name}最多保留两位小数（到分）。")
    rows_ok = True
    for row, item in enumerate(items, start=1):
        date, amount = _get(item, "date"), _get(item, "amount")
        if period and date and not period[0] <= date <= period[1]:
            rows_ok = False
            errors.append(
                f"第{row}行：日期 {date:%Y-%m-%d} 不在本期（{period[0]:%Y-%m-%d} 至 {period[1]:%Y-%m-%d}）内。"
            )
        try:
            amount = Decimal(str(amount)) if amount is not None else None
        except InvalidOperation:
            amount = None
        if amount is None:
            rows_ok = False
            continue
        if amount <= 0:
            rows_ok = False
            errors.append(f"第{row}行：金额必须大于零（收入或支出由“收支”一栏区分）。")
        elif has_more_than_two_places(amount):
            rows_ok = False
            errors.append(f"第{row}行：金额 {amount} 超过两位小数，请精确到分。")
    if rows_ok and opening is not None and closing is not None and not errors:
        income, expense = totals(items)
        expected = Decimal(opening) + income - expense
        if expected != Decimal(closing):
            diff = Decimal(closing) - expected
            errors.append(
                f"账目不平：期初余额 {yuan(opening)} + 本期收入 {yuan(income)} − 本期支出 {yuan(expense)}"
                f" = {yuan(expected)} 元，与填写的期末余额 {yuan(closing)} 元相差 {yuan(diff)} 元。"
            )
    return errors


# Corrections: what changed between two published revisions (Revision.content dicts).

FIELD_LABELS = {
    "title": "标题",
    "opening_balance": "期初余额",
    "closing_balance": "期末余额",
    "year": "年度",
    "period_number": "期间",
    "period_kind": "期间类型",
}
ITEM_LABELS = {
    "date": "日期",
    "direction": "收支",
    "item": "项目",
    "counterparty": "对方",
    "amount": "金额",
    "voucher_no": "凭证号",
}


def _norm(name, value):
    if name in ("amount", "opening_balance", "closing_balance") and value not in (None, ""):
        return yuan(value)
    if name == "direction":
        return DIRECTION_LABELS.get(value, value)
    return "" if value is None else str(value)


def _item_key(item):
    return item.get("voucher_no") or f"{item.get('date')}|{item.get('item')}"


def _item_text(item):
    return (
        f"{item.get('date')} {_norm('direction', item.get('direction'))} {item.get('item')}"
        f" {_norm('amount', item.get('amount'))} 元（凭证号 {item.get('voucher_no') or '无'}）"
    )


@dataclass
class Correction:
    fields: list = field(default_factory=list)  # (label, old, new)
    added: list = field(default_factory=list)  # text
    removed: list = field(default_factory=list)  # text
    changed: list = field(default_factory=list)  # (item text, [(label, old, new)])

    def __bool__(self):
        return bool(self.fields or self.added or self.removed or self.changed)

    def as_data(self):
        """Plain lists for the disclosure log (JSON)."""
        return {
            "fields": [list(f) for f in self.fields],
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": [[text, [list(c) for c in changes]] for text, changes in self.changed],
        }

    @classmethod
    def from_data(cls, data):
        return cls(
            fields=[tuple(f) for f in data.get("fields", [])],
            added=list(data.get("added", [])),
            removed=list(data.get("removed", [])),
            changed=[(text, [tuple(c) for c in changes]) for text, changes in data.get("changed", [])],
        )


def diff_contents(old, new):
    """A readable Correction between two contents of a disclosure (revision contents or public records)."""
    result = Correction()
    for name, label in FIELD_LABELS.items():
        before, after = _norm(name, old.get(name)), _norm(name, new.get(name))
        if before != after:
            result.fields.append((label, before, after))
    old_items = {_item_key(i): i for i in old.get("line_items", [])}
    new_items = {_item_key(i): i for i in new.get("line_items", [])}
    for key, item in new_items.items():
        if key not in old_items:
            result.added.append(_item_text(item))
            continue
        changes = [
            (label, _norm(name, old_items[key].get(name)), _norm(name, item.get(name)))
            for name, label in ITEM_LABELS.items()
            if _norm(name, old_items[key].get(name)) != _norm(name, item.get(name))
        ]
        if changes:
            result.changed.append((_item_text(old_items[key]), changes))
    result.removed = [_item_text(i) for k, i in old_items.items() if k not in new_items]
    return result
