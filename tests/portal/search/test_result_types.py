"""Apps add result types and sources to the search through `register_search_result_types`."""

import pytest
from wagtail import hooks

from portal.search.types import HOOK_NAME, ResultType, result_types

pytestmark = pytest.mark.django_db


def plain(response):
    return response.content.decode().replace("<mark>", "").replace("</mark>", "")


def test_each_app_registers_its_types_in_app_order(client, home_page):
    response = client.get("/search/", {"q": "电梯"})
    assert response.context["types"] == [
        ("notice", "公告"),
        ("finance", "财务公开"),
        ("news", "社区报"),
        ("rolemodel", "榜样"),
        ("team", "志愿服务队"),
    ]


def fountain_source(site, query, terms):
    """Results that are not pages, found without the search backend."""
    return [{"url": "/fountains/1/", "title": "东门饮水机", "snippet": f"{site.site_name}：东门饮水机已修好"}]


def test_a_registered_source_shows_its_results_above_the_pages(client, add_page, site):
    add_page("东门电梯维修通知")

    def register():
        return [ResultType("fountain", "饮水点", search=fountain_source)]

    with hooks.register_temporarily(HOOK_NAME, register):
        everything = plain(client.get("/search/", {"q": "电梯"}))
        only_fountains = plain(client.get("/search/", {"q": "电梯", "type": "fountain"}))
        only_notices = plain(client.get("/search/", {"q": "电梯", "type": "notice"}))
    assert '<h2 id="source-fountain-title">饮水点</h2>' in everything
    assert 'href="/fountains/1/"' in everything
    assert everything.index("东门饮水机") < everything.index("东门电梯维修通知")
    assert 'href="/fountains/1/"' in only_fountains
    assert "东门电梯维修通知" not in only_fountains
    assert "东门饮水机" not in only_notices


def test_a_registered_page_type_labels_and_filters_results(client, home_page, add_page):
    from home.models import HomePage

    home_page.intro = "<p>欢迎提出加装电梯的意见。</p>"
    home_page.save_revision().publish()
    add_page("东门电梯维修通知")

    def register():
        return [ResultType("homepage", "首页", models=[HomePage])]

    with hooks.register_temporarily(HOOK_NAME, register):
        response = client.get("/search/", {"q": "电梯", "type": "homepage"})
        assert ("homepage", "首页") in response.context["types"]
    html = plain(response)
    assert '<span class="badge badge--muted">首页</span>' in html
    assert "加装电梯的意见" in html
    assert "东门电梯维修通知" not in html  # a plain page, not a home page


def test_the_first_type_of_a_key_wins(db):
    def register():
        return [ResultType("notice", "另一个公告")]

    with hooks.register_temporarily(HOOK_NAME, register):
        labels = {t.key: t.label for t in result_types()}
    assert labels["notice"] == "公告"
