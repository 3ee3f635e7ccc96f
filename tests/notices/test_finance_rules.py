import datetime
from decimal import Decimal

from notices.finance import EXPENSE, INCOME, MONTH, QUARTER, period_bounds, validate_disclosure

Q1 = period_bounds(2026, QUARTER, 1)


def item(day, direction, amount):
    return {"date": day, "direction": direction, "amount": Decimal(amount)}


def test_periods():
    assert period_bounds(2026, QUARTER, 1) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert period_bounds(2024, MONTH, 2) == (datetime.date(2024, 2, 1), datetime.date(2024, 2, 29))
    assert period_bounds(2026, QUARTER, 5) is None
    assert period_bounds("abc", MONTH, 1) is None


def test_balanced_disclosure_has_no_errors():
    items = [
        item(datetime.date(2026, 1, 5), INCOME, "100.10"),
        item(datetime.date(2026, 3, 31), EXPENSE, "50.05"),
    ]
    assert validate_disclosure(Q1, Decimal("10.00"), Decimal("60.05"), items) == []


def test_unbalanced_states_the_difference():
    items = [item(datetime.date(2026, 1, 5), INCOME, "100.00")]
    [error] = validate_disclosure(Q1, Decimal("10.00"), Decimal("110.01"), items)
    assert "相差 0.01 元" in error
    assert "期初余额 10.00" in error


def test_item_outside_period_and_bad_amounts():
    items = [
        item(datetime.date(2026, 4, 1), INCOME, "1.00"),
        item(datetime.date(2026, 1, 2), EXPENSE, "0"),
        item(datetime.date(2026, 1, 3), EXPENSE, "-5.00"),
        item(datetime.date(2026, 1, 4), EXPENSE, "1.005"),
    ]
    errors = validate_disclosure(Q1, Decimal("0"), Decimal("0"), items)
    assert errors[0].startswith("第1行：日期 2026-04-01 不在本期")
    assert errors[1].startswith("第2行：金额必须大于零")
    assert errors[2].startswith("第3行：金额必须大于零")
    assert errors[3].startswith("第4行：金额 1.005 超过两位小数")
    assert not any("账目不平" in e for e in errors)
