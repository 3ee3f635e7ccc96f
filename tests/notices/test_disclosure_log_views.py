"""A disclosure's public views (page, print sheet, CSV, record.json) read its log once per site
write; a republication shows at once, and the routing finds a disclosure in one query."""

import json

import pytest
from django.utils.html import strip_tags

from notices.factories import make_disclosure, publish_through_committee
from tests.rendering import sql_of

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

LOG_TABLES = ("notices_disclosureevent", "review_reviewapproval")


def test_the_views_read_the_log_once(client, finance_index):
    page = make_disclosure(finance_index, publish=True)
    urls = [page.url, page.url + "print/", page.url + "csv/", page.url + "record.json"]
    for url in urls:
        client.get(url)
    client.get(page.url)  # the first views also save the site's settings, a write
    for url in urls:
        response, sql = sql_of(client, url)
        assert not [q for q in sql if any(table in q for table in LOG_TABLES)], url
    code = json.loads(client.get(page.url + "record.json").content)["verification_code"]
    assert code in client.get(page.url).content.decode()
    assert "监委会审核：" in client.get(page.url).content.decode()


def test_a_republished_version_shows_at_once(client, finance_index):
    page = make_disclosure(finance_index, publish=True)
    old_code = json.loads(client.get(page.url + "record.json").content)["verification_code"]
    assert "更正" not in client.get(page.url).content.decode()
    items = list(page.line_items.all())
    items[0].item += "（更正）"
    page.line_items = items
    page.save_revision()
    publish_through_committee(page)
    html = strip_tags(client.get(page.url).content.decode())
    record = json.loads(client.get(page.url + "record.json").content)
    assert record["verification_code"] != old_code
    assert len(record["versions"]) == 2
    assert "更正" in html and record["verification_code"] in html
    assert record["verification_code"] in client.get(page.url + "csv/").content.decode("utf-8-sig")


def test_a_disclosure_is_routed_in_one_query_below_its_section(client, finance_index):
    page = make_disclosure(finance_index, publish=True)
    client.get(page.url)
    _, sql = sql_of(client, page.url)
    assert len([q for q in sql if "notices_financialdisclosurepage" in q]) == 1
