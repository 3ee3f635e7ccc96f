"""The walk's datetime converter (sqlite_fast._stored_datetime) gives what Django's own
conversion of a stored datetime gives."""

import datetime

import pytest
from django.db import connection

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")


def converter(zone, fallback=lambda value, column, connection: ("django", value)):
    from portal.search.sqlite_fast import _stored_datetime

    return _stored_datetime(zone, [fallback])


@pytest.mark.parametrize("zone", [datetime.UTC, datetime.timezone(datetime.timedelta(hours=8))])
@pytest.mark.parametrize("text", ["2026-12-01 06:48:00.123456", "2026-12-01 06:48:00", "2026-12-01"])
def test_naive_text_becomes_aware_in_the_connection_zone(zone, text):
    value = converter(zone)(text, None, None)
    assert value == datetime.datetime.fromisoformat(text).replace(tzinfo=zone)
    assert value.tzinfo is zone


def test_text_with_an_offset_or_not_a_date_goes_to_django():
    convert = converter(datetime.UTC)
    assert convert("2026-12-01 06:48:00+08:00", None, None)[0] == "django"
    assert convert("not a date", None, None) == ("django", "not a date")
    assert convert(None, None, None) == ("django", None)
