"""Dates and hours as residents read them, kept on one line."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from portal.templatetags.portal_tags import cn_date, hours


def test_dates_are_chinese_and_marked_up_as_time():
    assert cn_date(datetime.date(2026, 10, 5)) == '<time datetime="2026-10-05">2026年10月5日</time>'
    assert cn_date(None) == ""
    assert "2026年10月5日" in cn_date("2026-10-05")  # a block preview passes the raw value
    assert cn_date("上周") == "上周"


def test_an_aware_datetime_is_dated_in_shanghai():
    # 20:00 UTC on 30 November is already 1 December in Shanghai.
    moment = datetime.datetime(2026, 11, 30, 20, 0, tzinfo=ZoneInfo("UTC"))
    assert "2026年12月1日" in cn_date(moment)


@pytest.mark.parametrize(
    "value, text",
    [
        (Decimal("12.50"), "12.5 小时"),
        (Decimal("320.0"), "320 小时"),
        (3, "3 小时"),
        (Decimal("0.25"), "0.3 小时"),
    ],
)
def test_hours_drop_a_trailing_zero(value, text):
    assert hours(value) == f'<span class="nowrap">{text}</span>'
    assert hours(None) == ""
