"""ascii_int: only plain ASCII digits are numbers."""

import pytest
from django.test import RequestFactory

from portal.params import ascii_int, page_number


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0", 0),
        ("7", 7),
        ("007", 7),
        (" 12 ", 12),
        ("9" * 18, 10**18 - 1),
        ("9" * 19, None),  # beyond a 64-bit database integer
        ("1" + "0" * 99, None),
        ("9" * 5000, None),
        ("²", None),
        ("１２", None),
        ("٣", None),
        ("-1", None),
        ("+1", None),
        ("1.0", None),
        ("1e3", None),
        ("12\n", None),
        ("\x00", None),
        ("1\x00", None),
        ("", None),
        (None, None),
        (12, None),  # only strings from a query dict
    ],
)
def test_ascii_int(value, expected):
    assert ascii_int(value) == expected


def test_bounds_and_default():
    assert ascii_int("1949", min_value=1949, max_value=2999) == 1949
    assert ascii_int("1948", min_value=1949) is None
    assert ascii_int("3000", max_value=2999, default=0) == 0
    assert ascii_int("x", default=5) == 5


def test_page_number():
    get = RequestFactory().get
    assert page_number(get("/", {"page": "3"})) == 3
    assert page_number(get("/")) == 1
    assert page_number(get("/", {"page": "0"})) == 1
    assert page_number(get("/", {"page": "３"})) == 1
