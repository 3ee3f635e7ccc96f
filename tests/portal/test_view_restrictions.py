"""View restrictions read from the shared cache (portal/view_restrictions.py, replacing Wagtail's
PageQuerySet.private_q and Page.get_view_restrictions) and the one-query routing under the home
page (home/routing.py) touch Wagtail internals: pinned here."""

import pytest
import wagtail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from notices.factories import NoticeIndexPageFactory, NoticePageFactory
from portal import view_restrictions

pytestmark = pytest.mark.django_db


def test_written_for_the_installed_wagtail():
    # On a Wagtail upgrade re-read PageQuerySet.private_q and Page.route, then update this pin.
    assert wagtail.__version__ == "8.0.1"
    assert PageQuerySet.private_q is view_restrictions.private_q
    assert Page.get_view_restrictions is view_restrictions.get_view_restrictions


def test_a_restriction_added_in_one_request_applies_from_the_next(client, home_page):
    board = NoticeIndexPageFactory(parent=home_page, slug="notices", show_in_menus=True)
    notice = NoticePageFactory(parent=board, title="楼道堆物清理通知", slug="duiwu")
    assert "楼道堆物清理通知" in client.get("/notices/").content.decode()
    PageViewRestriction.objects.create(page=notice, restriction_type=PageViewRestriction.LOGIN)
    assert "楼道堆物清理通知" not in client.get("/notices/").content.decode()
    assert client.get("/notices/duiwu/").status_code == 302  # to the login page


def test_deep_urls_route_as_wagtail_does(client, home_page):
    board = NoticeIndexPageFactory(parent=home_page, slug="notices")
    NoticePageFactory(parent=board, slug="live-one")
    NoticePageFactory(parent=board, slug="draft-one", live=False)
    assert client.get("/notices/live-one/").status_code == 200
    assert client.get("/notices/draft-one/").status_code == 404
    assert client.get("/notices/live-one/print/").status_code == 200  # a routable page's own route
    assert client.get("/notices/live-one/no-such/").status_code == 404
    assert client.get("/notices/no-such/deeper/").status_code == 404


def _restriction_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [q for q in queries if "pageviewrestriction" in q["sql"]]


def test_without_restrictions_a_page_view_reads_none(client, home_page):
    board = NoticeIndexPageFactory(parent=home_page, slug="notices", show_in_menus=True)
    NoticePageFactory(parent=board, slug="tingshui")
    response, queries = _restriction_queries(client, "/notices/tingshui/")
    assert response.status_code == 200
    assert queries == []


def test_a_restriction_elsewhere_costs_no_query_and_does_not_apply(client, home_page):
    board = NoticeIndexPageFactory(parent=home_page, slug="notices", show_in_menus=True)
    NoticePageFactory(parent=board, slug="tingshui")
    internal = NoticeIndexPageFactory(parent=home_page, slug="internal")
    PageViewRestriction.objects.create(page=internal, restriction_type=PageViewRestriction.LOGIN)
    response, queries = _restriction_queries(client, "/notices/tingshui/")
    assert response.status_code == 200
    assert queries == []
    assert client.get("/internal/").status_code == 302


def test_a_page_moved_under_a_restricted_section_is_restricted(client, home_page):
    board = NoticeIndexPageFactory(parent=home_page, slug="notices", show_in_menus=True)
    notice = NoticePageFactory(parent=board, title="楼道堆物清理通知", slug="duiwu")
    internal = NoticeIndexPageFactory(parent=home_page, slug="internal")
    PageViewRestriction.objects.create(page=internal, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/notices/duiwu/").status_code == 200
    notice.move(internal, pos="last-child")
    assert client.get("/internal/duiwu/").status_code == 302
    assert "楼道堆物清理通知" not in client.get("/notices/").content.decode()


def test_a_moved_restricted_section_keeps_its_restriction(client, home_page):
    board = NoticeIndexPageFactory(parent=home_page, slug="notices", show_in_menus=True)
    other = NoticeIndexPageFactory(parent=home_page, slug="other")
    internal = NoticeIndexPageFactory(parent=board, slug="internal")
    NoticePageFactory(parent=internal, slug="secret")
    PageViewRestriction.objects.create(page=internal, restriction_type=PageViewRestriction.LOGIN)
    assert client.get("/notices/internal/secret/").status_code == 302
    Page.objects.get(pk=internal.pk).move(other, pos="last-child")
    assert client.get("/other/internal/secret/").status_code == 302


def test_an_alias_of_a_restricted_page_is_restricted(client, home_page):
    board = NoticeIndexPageFactory(parent=home_page, slug="notices", show_in_menus=True)
    notice = NoticePageFactory(parent=board, slug="duiwu")
    PageViewRestriction.objects.create(page=notice, restriction_type=PageViewRestriction.LOGIN)
    other = NoticeIndexPageFactory(parent=home_page, slug="other")
    notice.create_alias(parent=other, update_slug="duiwu-copy")
    assert client.get("/other/duiwu-copy/").status_code == 302
