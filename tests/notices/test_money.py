from decimal import Decimal

import pytest

from notices.money import amount_in_words, yuan


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        ("0.05", "伍分"),
        ("0.50", "伍角"),
        ("0.00", "零元整"),
        ("10.00", "拾元整"),
        ("100010.10", "拾万零拾元壹角"),
        ("1000000.00", "壹佰万元整"),
        ("12500.00", "壹万贰仟伍佰元整"),
        ("1.05", "壹元零伍分"),
        ("110.00", "壹佰壹拾元整"),
        ("1010.00", "壹仟零拾元整"),
        ("100000001.00", "壹亿零壹元整"),
        ("13850.56", "壹万叁仟捌佰伍拾元伍角陆分"),
        ("200300.00", "贰拾万零叁佰元整"),
    ],
)
def test_amount_in_words(amount, words):
    assert amount_in_words(Decimal(amount)) == words


def test_yuan_formats_with_two_places():
    assert yuan(Decimal("1234.5")) == "1,234.50"
