"""The search page's list of results, rendered in Python: a result is a fixed piece of HTML,
and the template language's per-variable lookups cost more than the rest of a shown result.
The output is what search.html's loop gave, byte for byte."""

import html

from django.utils.safestring import mark_safe

from portal.templatetags.portal_tags import cn_date


def _escape(value):
    """django.utils.html.conditional_escape without its check for lazy text, which costs more
    than the escaping itself, several times for each result: plain values are what it gives."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _copies(item):
    """The "同一内容另有 N 次发布" line, each copy linked by its date (or its place)."""
    copies = item.get("copies")
    if not copies:
        return ""
    links = []
    for number, copy in enumerate(copies, 1):
        label = _escape(cn_date(copy["date"])) if copy.get("date") else f"第{number}次"
        links.append(f'<a href="{_escape(copy["url"])}">{label}</a>')
    return f'<p class="meta search-results__copies">同一内容另有 {len(copies)} 次发布：{"、".join(links)}</p>'


def result_item(item):
    """One result's <li>, with the template loop's whitespace around it."""
    text = item.get("snippet")
    snippet = f'<p class="search-results__snippet">{_escape(text)}</p>' if text else ""
    return (
        "\n  <li>\n"
        f'    <p class="meta"><span class="badge badge--muted">{_escape(item["type_label"])}</span>'
        f"{_escape(cn_date(item.get('date')))}</p>\n"
        f'    <a class="search-results__title" href="{_escape(item["url"])}">'
        f"{_escape(item['title'])}</a>\n"
        f"    {snippet}\n"
        f"    {_copies(item)}\n"
        "  </li>\n  "
    )


def result_items(results):
    """The <li>s of `results` (the view's dicts) as one safe string."""
    return mark_safe("".join(result_item(item) for item in results))  # noqa: S308 (parts escaped)
