"""The page cache is purged for exactly the pages whose output changed.

A write to a page refreshes that page, the pages above it (boards, home sections, feeds), the
pages that link to it, its neighbours when they show it, and every URL that is not a page
(search, sitemap); every other cached page of the community stays cached. Writes that may show
on every page (settings, top-level pages, slugs) purge the whole community."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from wagtail import hooks
from wagtail.models import Page, Site
from wagtail.test.utils.form_data import inline_formset

from news.factories import ArticlePageFactory, IssuePageFactory
from notices.factories import NoticeIndexPageFactory, NoticePageFactory
from notices.models import NoticePage, RelatedNotice
from portal.page_cache import keys
from tests.notices.admin_forms import notice_form
from volunteers.factories import RoleModelIndexPageFactory, RoleModelPageFactory, VolunteerBoardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    return Client()


def state(response):
    return response.get("X-Page-Cache")


def warm(visitor, *urls):
    for url in urls:
        for _ in range(3):
            if state(visitor.get(url)) == "hit":
                break
        else:
            raise AssertionError(f"{url} is never served from the cache")


def publish_in_admin(client, page, **changes):
    changes.setdefault("title", page.title)
    changes.setdefault("slug", page.slug)
    data = {**notice_form(**changes), "action-publish": "1"}
    response = client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    assert response.status_code == 302, response.content.decode()[:2000]


@pytest.fixture
def board_with_notices(notice_index):
    first = NoticePageFactory(parent=notice_index, title="关于停水的通知", slug="tingshui")
    second = NoticePageFactory(parent=notice_index, title="关于清理楼道杂物的通知", slug="louda")
    return notice_index, first, second


def test_publishing_a_notice_refreshes_its_own_pages_and_leaves_the_rest_cached(
    client, visitor, staff_user, home_page, board_with_notices, django_capture_on_commit_callbacks
):
    board, notice, sibling = board_with_notices
    stars = VolunteerBoardPageFactory(parent=home_page)
    other_board = NoticeIndexPageFactory(parent=home_page, title="党务公开", slug="dangwu")
    other_notice = NoticePageFactory(parent=other_board, title="关于党员活动日的通知", slug="huodongri")
    changed = [notice.url, board.url, board.url + "feed/", "/search/?q=停水"]
    also_fresh = ["/", "/sitemap.xml", "/sitemap/"]
    untouched = [sibling.url, stars.url, other_notice.url, other_board.url]
    warm(visitor, *changed, *also_fresh, *untouched)

    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):  # the search index is written then
        publish_in_admin(client, notice, title="关于停水时间调整的通知")

    for url in changed:
        response = visitor.get(url)
        assert state(response) == "miss", url
        assert "时间调整" in response.content.decode(), url  # search marks 停水
    for url in also_fresh:
        assert state(visitor.get(url)) == "miss", url
    for url in untouched:
        assert state(visitor.get(url)) == "hit", url


def test_adding_and_unpublishing_a_notice_refresh_the_board_only(
    client, visitor, staff_user, home_page, board_with_notices
):
    board, notice, sibling = board_with_notices
    stars = VolunteerBoardPageFactory(parent=home_page)
    warm(visitor, board.url, sibling.url, stars.url, notice.url)
    client.force_login(staff_user)
    add = reverse("wagtailadmin_pages:add", args=("notices", "noticepage", board.pk))
    client.post(add, {**notice_form(title="关于加装电梯的公示"), "action-publish": "1"})
    assert "关于加装电梯的公示" in visitor.get(board.url).content.decode()
    assert state(visitor.get(sibling.url)) == "hit"
    assert state(visitor.get(stars.url)) == "hit"

    warm(visitor, board.url)
    assert client.post(reverse("wagtailadmin_pages:unpublish", args=(notice.pk,))).status_code == 302
    assert visitor.get(notice.url).status_code == 404
    assert "关于停水的通知" not in visitor.get(board.url).content.decode()
    assert state(visitor.get(sibling.url)) == "hit"


def test_a_notice_that_links_to_a_changed_notice_is_refreshed(
    client, visitor, staff_user, board_with_notices
):
    board, notice, sibling = board_with_notices
    unrelated = NoticePageFactory(parent=board, title="关于秋季义诊的通知", slug="yizhen")
    client.force_login(staff_user)
    links = {"related_links": inline_formset([{"notice": notice.pk}])}
    publish_in_admin(client, sibling, **links)
    assert RelatedNotice.objects.filter(page=sibling, notice=notice).exists()
    warm(visitor, sibling.url, unrelated.url)
    assert "关于停水的通知" in visitor.get(sibling.url).content.decode()

    publish_in_admin(client, notice, title="关于恢复供水的通知")
    html = visitor.get(sibling.url).content.decode()
    assert "关于恢复供水的通知" in html and "关于停水的通知" not in html
    assert state(visitor.get(unrelated.url)) == "hit"


def test_a_row_of_a_notices_inline_panel_written_alone_refreshes_that_notice(visitor, board_with_notices):
    board, notice, sibling = board_with_notices
    warm(visitor, notice.url, sibling.url)
    RelatedNotice.objects.create(page=NoticePage.objects.get(pk=notice.pk), notice=sibling)
    response = visitor.get(notice.url)
    assert state(response) == "miss" and "关于清理楼道杂物的通知" in response.content.decode()
    assert state(visitor.get(sibling.url)) == "hit"


@pytest.fixture
def two_issues(publication):
    older = IssuePageFactory(parent=publication, number=1)
    newer = IssuePageFactory(parent=publication, number=2)
    articles = [
        ArticlePageFactory(parent=older, title=title, slug=f"a{n}")
        for n, title in enumerate(["楼长议事会纪实", "加装电梯进行时", "银发课堂开课了"])
    ]
    other = ArticlePageFactory(parent=newer, title="新一期的头条", slug="headline")
    for page in (older, newer):
        page.save_revision().publish()
    return older, newer, articles, other


def test_an_article_publish_refreshes_its_neighbours_and_issues(visitor, publication, two_issues):
    older, newer, (first, middle, last), other = two_issues
    warm(visitor, first.url, middle.url, last.url, other.url, older.url, newer.url, publication.url)

    middle.title = "加装电梯开工了"
    middle.save_revision().publish()

    for page in (first, middle, last, older):
        response = visitor.get(page.url)
        assert state(response) == "miss", page.url
        assert "加装电梯开工了" in response.content.decode(), page.url
    assert state(visitor.get(publication.url)) == "miss"
    # The newer issue links the older one, whose listing may have changed.
    assert state(visitor.get(newer.url)) == "miss"
    # An article of another issue shows nothing of this one.
    assert state(visitor.get(other.url)) == "hit"


def test_an_issue_publish_refreshes_its_articles(visitor, two_issues):
    older, newer, (first, *_), other = two_issues
    warm(visitor, first.url, other.url, newer.url)
    older.title = "第1期（春节特刊）"
    older.save_revision().publish()
    response = visitor.get(first.url)
    assert state(response) == "miss" and "春节特刊" in response.content.decode()
    assert "春节特刊" in visitor.get(newer.url).content.decode()  # it links the older issue
    assert state(visitor.get(other.url)) == "hit"  # an article shows only its own issue


# Writes that purge the whole community


def test_a_slug_change_refreshes_the_whole_community(
    client, visitor, staff_user, home_page, board_with_notices, django_capture_on_commit_callbacks
):
    board, notice, sibling = board_with_notices
    stars = VolunteerBoardPageFactory(parent=home_page)
    warm(visitor, sibling.url, stars.url)
    client.force_login(staff_user)
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail tells of it on commit
        publish_in_admin(client, notice, slug="tingshui-2026")
    assert state(visitor.get(sibling.url)) == "miss"
    assert state(visitor.get(stars.url)) == "miss"


def test_a_top_level_page_refreshes_the_whole_community(visitor, home_page, board_with_notices):
    """Top-level pages are the menu of every page."""
    board, notice, sibling = board_with_notices
    stars = VolunteerBoardPageFactory(parent=home_page)
    warm(visitor, sibling.url, stars.url)
    stars.title = "星级志愿者"
    stars.show_in_menus = True
    stars.save_revision().publish()
    assert "星级志愿者" in visitor.get(sibling.url).content.decode()


def test_a_role_model_refreshes_the_whole_community(visitor, home_page, board_with_notices):
    """A name without consent is masked in every role model's texts."""
    board, notice, sibling = board_with_notices
    gallery = RoleModelIndexPageFactory(parent=VolunteerBoardPageFactory(parent=home_page))
    role_model = RoleModelPageFactory(parent=gallery, real_name="王桂芳")
    warm(visitor, sibling.url)
    role_model.real_name = "王桂英"
    role_model.save_revision().publish()
    assert state(visitor.get(sibling.url)) == "miss"


def test_a_page_with_many_descendants_refreshes_the_whole_community(
    visitor, home_page, board_with_notices, monkeypatch
):
    from portal.page_cache import purge

    monkeypatch.setattr(purge, "MAX_DESCENDANTS", 1)
    board, notice, sibling = board_with_notices
    news_board = NoticeIndexPageFactory(parent=home_page, title="政务公开", slug="zhengwu")
    deep = NoticePageFactory(parent=news_board, slug="deep")
    warm(visitor, deep.url, notice.url)
    Page.objects.get(pk=board.pk).specific.save_revision().publish()
    assert state(visitor.get(deep.url)) == "miss"


# Racing writes and other app servers


def test_a_page_rendered_while_a_write_goes_on_is_not_kept(visitor, board_with_notices):
    board, notice, sibling = board_with_notices

    def write_meanwhile(page, request, args, kwargs):
        NoticePageFactory(
            parent=board, title="渲染时发布的通知", slug=f"meanwhile-{NoticePage.objects.count()}"
        )

    with hooks.register_temporarily("before_serve_page", write_meanwhile):
        assert state(visitor.get(notice.url)) == "miss"
        assert state(visitor.get(notice.url)) == "miss"
    assert state(visitor.get(notice.url)) == "miss"
    assert state(visitor.get(notice.url)) == "hit"


def test_a_hit_reads_the_shared_cache_twice(visitor, board_with_notices, monkeypatch):
    """The pages generation with the page's versions in one read, then the page."""
    board, notice, sibling = board_with_notices
    warm(visitor, notice.url)
    reads, inside = [], []

    def counted(name, original):
        def read(*args, **kwargs):
            if not inside:  # a backend's get_many may call its own get
                reads.append(name)
            inside.append(name)
            try:
                return original(*args, **kwargs)
            finally:
                inside.pop()

        return read

    for name in ("get", "get_many"):
        monkeypatch.setattr(cache, name, counted(name, getattr(cache, name)))
    assert state(visitor.get(notice.url)) == "hit"
    assert reads == ["get_many", "get"]


def test_a_version_changed_by_another_app_server_is_seen(visitor, board_with_notices):
    """Another server shares only the cache: this process's memory of the URL's versions does
    not let an entry whose version changed through."""
    board, notice, sibling = board_with_notices
    warm(visitor, notice.url)
    cache.set(keys.version_key(Page.objects.get(pk=notice.pk).path), "changed elsewhere")
    assert state(visitor.get(notice.url)) == "miss"
    keys._TAGS.clear()
    keys._HOSTS.clear()
    assert state(visitor.get(notice.url)) == "hit"
    cache.delete(keys.version_key(Page.objects.get(pk=notice.pk).path))
    assert state(visitor.get(notice.url)) == "miss"


def test_a_new_community_on_a_host_that_fell_back_to_the_default_is_served_at_once(visitor, home_page):
    from io import StringIO

    from django.core.management import call_command

    host = {"HTTP_HOST": "jinxiu.example.org"}
    warm(visitor, "/")
    for _ in range(2):  # the default site answers the unknown host
        assert "锦绣社区" not in visitor.get("/", **host).content.decode()
    assert visitor.get("/", **host)["X-Page-Cache"] == "hit"
    call_command("add_community", name="锦绣社区", hostname="jinxiu.example.org", stdout=StringIO())
    assert "锦绣社区" in visitor.get("/", **host).content.decode()
    assert "锦绣社区" not in visitor.get("/").content.decode()


def test_a_notice_in_another_community_that_links_here_is_refreshed(visitor, board_with_notices):
    from io import StringIO

    from django.core.management import call_command

    board, notice, sibling = board_with_notices
    call_command("add_community", name="锦绣社区", hostname="jinxiu.localhost", stdout=StringIO())
    other_site = Site.objects.get(hostname="jinxiu.localhost")
    other_board = NoticeIndexPageFactory(parent=other_site.root_page, slug="gonggao")
    linking = NoticePageFactory(parent=other_board, title="转发：街道停水安排", slug="zhuanfa")
    RelatedNotice.objects.create(page=linking, notice=notice)
    host = {"HTTP_HOST": "jinxiu.localhost"}
    url = linking.relative_url(other_site)
    for _ in range(3):
        visitor.get(url, **host)
    assert "关于停水的通知" in visitor.get(url, **host).content.decode()

    notice.title = "关于恢复供水的通知"
    notice.save_revision().publish()
    assert "关于恢复供水的通知" in visitor.get(url, **host).content.decode()
