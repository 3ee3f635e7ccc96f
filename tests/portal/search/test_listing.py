"""The search page's result list rendered in Python (portal/search/listing.py) gives what the
template loop it replaced gave, escapes what it shows and lists a result's copies."""

import datetime

import pytest
from django.template import engines
from django.utils.safestring import mark_safe

from portal.search.listing import result_items

pytestmark = pytest.mark.django_db

# search.html's loop before listing.py, kept here as the reference.
TEMPLATE_LOOP = """{% load portal_tags %}{% for item in results %}
  <li>
    <p class="meta"><span class="badge badge--muted">{{ item.type_label }}</span>{{ item.date|cn_date }}</p>
    <a class="search-results__title" href="{{ item.url }}">{{ item.title }}</a>
    {% if item.snippet %}<p class="search-results__snippet">{{ item.snippet }}</p>{% endif %}
    {% if item.copies %}<p class="meta search-results__copies">同一内容另有 {{ item.copies|length }} 次发布：{% for copy in item.copies %}<a href="{{ copy.url }}">{% if copy.date %}{{ copy.date|cn_date }}{% else %}第{{ forloop.counter }}次{% endif %}</a>{% if not forloop.last %}、{% endif %}{% endfor %}</p>{% endif %}
  </li>
  {% endfor %}"""


def item(title, snippet="", date=None, copies=(), url="/a/", label="公告"):
    return {
        "type_label": label,
        "date": date,
        "url": url,
        "title": title,
        "snippet": snippet,
        "copies": list(copies),
    }


def test_same_html_as_the_template_loop():
    results = [
        item(
            mark_safe("<mark>加装电梯</mark>意见征询"),
            mark_safe("本期关注<mark>加装电梯</mark>"),
            datetime.date(2026, 3, 1),
        ),
        item("无日期 & <b>", "", None, url="/b/?x=1&y=<2>", label="页面"),
        item(
            "有副本",
            "正文 <i>",
            datetime.date(2025, 12, 31),
            copies=[{"url": "/c1/", "date": datetime.date(2025, 1, 2)}, {"url": '/c2/"', "date": None}],
        ),
        item("", None, None, url=None),
    ]
    expected = engines["django"].from_string(TEMPLATE_LOOP).render({"results": results})
    assert result_items(results) == expected
    assert result_items([]) == ""


def test_titles_are_escaped_in_the_page(client, add_page):
    add_page('<script>alert(1)</script>加装电梯 1<2 & "引号"')
    html = client.get("/search/", {"q": "加装电梯"}).content.decode()
    assert "<script>alert(1)" not in html
    assert "alert(1)<mark>加装电梯</mark> 1&lt;2 &amp; &quot;引号&quot;</a>" in html


def test_copies_line_links_each_copy_by_date_or_place():
    html = result_items(
        [
            item(
                "通知",
                copies=[
                    {"url": "/one/", "date": datetime.date(2026, 1, 2)},
                    {"url": "/two/", "date": None},
                ],
            )
        ]
    )
    assert (
        '同一内容另有 2 次发布：<a href="/one/"><time datetime="2026-01-02">2026年1月2日</time></a>、' in html
    )
    assert '<a href="/two/">第2次</a></p>' in html
