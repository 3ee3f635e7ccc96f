"""The per-request memo of Wagtail's PageQuerySet.private_q (portal/view_restrictions.py) and the
one-query routing under the home page (home/routing.py) touch Wagtail internals: pinned here."""

import pytest
import wagtail
from wagtail.models import PageViewRestriction
from wagtail.query import PageQuerySet

from notices.factories import NoticeIndexPageFactory, NoticePageFactory
from portal import view_restrictions

pytestmark = pytest.mark.django_db


def test_written_for_the_installed_wagtail():
    # On a Wagtail upgrade re-read PageQuerySet.private_q and Page.route, then update this pin.
    assert wagtail.__version__ == "8.0.1"
    assert PageQuerySet.private_q is view_restrictions.private_q


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
