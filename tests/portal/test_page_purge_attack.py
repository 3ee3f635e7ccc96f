"""Writes after which an anonymous visitor is still served the page as it was.

Each test warms a page in the cache, makes the write the way staff make it (through the admin
where there is one) and reads the page again as a visitor (portal/page_cache/purge.py). These
are across communities: a purge that goes to
its own community whole must also reach the pages of another community that link to the written
page (or to a page below it), fragments included (they follow that community's data generation)."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from news.factories import ArticlePageFactory, IssuePageFactory
from notices.factories import NoticeIndexPageFactory, NoticePageFactory
from notices.models import RelatedNotice

pytestmark = pytest.mark.django_db

HOST = {"HTTP_HOST": "jinxiu.localhost"}


def state(response):
    return response.get("X-Page-Cache")


def warm(visitor, url, **extra):
    for _ in range(3):
        if state(visitor.get(url, **extra)) == "hit":
            return
    raise AssertionError(f"{url} is never served from the cache")


@pytest.fixture
def visitor():
    return Client()


@pytest.fixture
def other_community(db):
    """锦绣社区 at jinxiu.localhost, with its own notice board."""
    call_command("add_community", name="锦绣社区", hostname="jinxiu.localhost", stdout=StringIO())
    site = Site.objects.get(hostname="jinxiu.localhost")
    board = NoticeIndexPageFactory(parent=site.root_page, title="公开栏", slug="gonggao")
    return site, board


@pytest.fixture
def notice(notice_index):
    return NoticePageFactory(parent=notice_index, title="关于停水的通知", slug="tingshui")


def page_form(page, **changes):
    data = {"title": page.title, "slug": page.slug, "intro": rich_text(""), "comments": inline_formset([])}
    data.update(changes)
    return nested_form_data(data)


def test_a_renamed_board_reaches_another_communitys_link_to_one_of_its_notices(
    client,
    visitor,
    admin_user_role,
    notice_index,
    notice,
    other_community,
    django_capture_on_commit_callbacks,
):
    site, other_board = other_community
    linking = NoticePageFactory(parent=other_board, title="转发：街道停水安排", slug="zhuanfa")
    RelatedNotice.objects.create(page=linking, notice=notice)
    url = linking.relative_url(site)
    old_url = notice.get_url()
    warm(visitor, url, **HOST)
    assert old_url in visitor.get(url, **HOST).content.decode()

    client.force_login(admin_user_role)
    data = {**page_form(notice_index, slug="gongkai"), "action-publish": "1"}
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail tells of a slug change then
        response = client.post(reverse("wagtailadmin_pages:edit", args=(notice_index.pk,)), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    new_url = Page.objects.get(pk=notice.pk).get_url()
    assert "/gongkai/" in new_url

    assert new_url in visitor.get(url, **HOST).content.decode()


def test_a_deleted_issue_disappears_from_another_communitys_link_to_it(
    client, visitor, admin_user_role, publication, other_community
):
    site, other_board = other_community
    issue = IssuePageFactory(parent=publication, number=7, title="第7期")
    ArticlePageFactory(parent=issue, title="楼长议事会纪实", slug="yishi")
    issue.save_revision().publish()
    issue_url = issue.get_url()
    linking = NoticePageFactory(
        parent=other_board,
        title="推荐阅读",
        slug="tuijian",
        body=[("paragraph", RichText(f'<p>请看<a linktype="page" id="{issue.pk}">第7期社区报</a></p>'))],
    )
    url = linking.relative_url(site)
    warm(visitor, url, **HOST)
    assert issue_url in visitor.get(url, **HOST).content.decode()

    client.force_login(admin_user_role)
    response = client.post(reverse("wagtailadmin_pages:delete", args=(issue.pk,)))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert not Page.objects.filter(pk=issue.pk).exists()

    assert issue_url not in visitor.get(url, **HOST).content.decode()


def test_a_notice_made_private_leaves_another_communitys_related_notices(
    client, visitor, admin_user_role, notice, other_community
):
    site, other_board = other_community
    linking = NoticePageFactory(parent=other_board, title="转发：街道停水安排", slug="zhuanfa")
    RelatedNotice.objects.create(page=linking, notice=notice)
    url = linking.relative_url(site)
    warm(visitor, url, **HOST)
    assert "关于停水的通知" in visitor.get(url, **HOST).content.decode()

    client.force_login(admin_user_role)
    response = client.post(
        reverse("wagtailadmin_pages:set_privacy", args=(notice.pk,)),
        {"restriction_type": "password", "password": "mima1234"},
    )
    assert response.status_code == 200, response.status_code
    assert PageViewRestriction.objects.filter(page=notice).exists()

    assert "关于停水的通知" not in visitor.get(url, **HOST).content.decode()
