"""Query strings: integers of ASCII digits only, so odd input is ignored rather than a 500, and
the parameters of a raw query string."""

import re

from django.http import QueryDict

# 18 digits stay below SQLite's and PostgreSQL's 64-bit integer limit, so a parsed value is
# always safe to put in a query; Unicode digits (², １２, ٣) and signs are not numbers here.
ASCII_DIGITS = re.compile(r"[0-9]{1,18}")


def ascii_int(value, default=None, min_value=None, max_value=None):
    """`value` as an int if it is 1–18 ASCII digits within [min_value, max_value], else `default`."""
    if not isinstance(value, str):
        return default
    value = value.strip(" ")
    if not ASCII_DIGITS.fullmatch(value):
        return default
    number = int(value)
    if min_value is not None and number < min_value:
        return default
    if max_value is not None and number > max_value:
        return default
    return number


def page_number(request, name="page"):
    """The page number of a paginated list: 1 for anything that is not a plain positive number."""
    return ascii_int(request.GET.get(name), default=1, min_value=1)


def query_dict(raw):
    """What Django makes request.GET of, from the request's META["QUERY_STRING"] alone (WSGI
    gives it as ISO-8859-1 text of the bytes), for values remembered by query string."""
    return QueryDict(raw.encode("iso-8859-1"))
