"""The anonymous page cache: served from the shared cache, never stale, never poisoned.

Changes are made through the Wagtail admin with the test client, then the page is fetched as an
anonymous visitor (a second client without cookies)."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.http import QueryDict
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction, Revision, Site

from notices.factories import NoticePageFactory
from notices.models import NoticeIndexPage, NoticePage
from portal.page_cache import keys
from tests.notices.admin_forms import notice_form
from volunteers.consent import consent_withdrawn
from volunteers.factories import (
    RoleModelIndexPageFactory,
    RoleModelPageFactory,
    VolunteerBoardPageFactory,
    VolunteerTeamFactory,
)
from volunteers.models import RoleModelPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def visitor():
    """An anonymous resident: no cookies at all."""
    return Client()


@pytest.fixture
def notice(notice_index):
    return NoticePageFactory(parent=notice_index, title="关于停水的通知", slug="tingshui")


def cache_state(response):
    return response.get("X-Page-Cache")


def warm(visitor, url, **headers):
    """Fetch until the page is cached: a first visit may create a site's settings row (a write,
    which purges), so the second visit is the one that stays."""
    for _ in range(3):
        response = visitor.get(url, **headers)
        if cache_state(response) == "hit":
            return response
    raise AssertionError(f"{url} is never served from the cache")


def test_an_anonymous_visit_is_served_from_the_cache_without_queries(
    visitor, notice, django_assert_num_queries
):
    first = warm(visitor, notice.url)
    with django_assert_num_queries(0):
        second = visitor.get(notice.url)
    assert cache_state(second) == "hit"
    assert second.content == first.content
    assert visitor.head(notice.url)["X-Page-Cache"] == "hit"


def test_cache_headers_let_a_proxy_revalidate(visitor, notice):
    response = warm(visitor, notice.url)
    assert response["Cache-Control"] == "public, max-age=0, s-maxage=1"
    assert "Cookie" in response["Vary"]
    etag, modified = response["ETag"], response["Last-Modified"]
    again = visitor.get(notice.url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304 and again.content == b""
    assert visitor.get(notice.url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert visitor.get(notice.url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


# Purged at once by changes made in the admin


def test_publishing_a_notice_in_the_admin_shows_on_the_board_at_once(
    client, visitor, staff_user, notice, notice_index
):
    etag = warm(visitor, notice_index.url)["ETag"]
    client.force_login(staff_user)
    add = reverse("wagtailadmin_pages:add", args=("notices", "noticepage", notice_index.pk))
    response = client.post(add, {**notice_form(title="关于加装电梯的公示"), "action-publish": "1"})
    assert response.status_code == 302

    board = visitor.get(notice_index.url)
    assert cache_state(board) == "miss" and "关于加装电梯的公示" in board.content.decode()
    assert board["ETag"] != etag
    assert visitor.get(notice_index.url, HTTP_IF_NONE_MATCH=etag).status_code == 200
    home = visitor.get("/")
    assert home.status_code == 200 and cache_state(home) == "miss"


def test_republishing_unpublishing_and_deleting_show_at_once(client, visitor, staff_user, notice):
    url = notice.url
    warm(visitor, url)
    client.force_login(staff_user)
    edit = reverse("wagtailadmin_pages:edit", args=(notice.pk,))
    data = {**notice_form(title="关于停水时间调整的通知", slug="tingshui"), "action-publish": "1"}
    assert client.post(edit, data).status_code == 302
    assert "关于停水时间调整的通知" in visitor.get(url).content.decode()

    assert client.post(reverse("wagtailadmin_pages:unpublish", args=(notice.pk,))).status_code == 302
    assert not NoticePage.objects.get(pk=notice.pk).live
    assert visitor.get(url).status_code == 404


def test_a_draft_saved_in_the_admin_is_never_served_to_visitors(client, visitor, staff_user, notice):
    warm(visitor, notice.url)
    client.force_login(staff_user)
    edit = reverse("wagtailadmin_pages:edit", args=(notice.pk,))
    assert client.post(edit, notice_form(title="草稿：尚未公开的标题", slug="tingshui")).status_code == 302
    # The editor looks at the live page and the preview while signed in.
    own = client.get(notice.url)
    assert cache_state(own) is None and "private" in own["Cache-Control"]
    preview = reverse("wagtailadmin_pages:view_draft", args=(notice.pk,))
    assert "草稿：尚未公开的标题" in client.get(preview).content.decode()
    for _ in range(2):
        html = visitor.get(notice.url).content.decode()
        assert "关于停水的通知" in html and "草稿" not in html


def test_saving_a_draft_or_locking_a_page_keeps_the_cached_live_page(
    client, visitor, admin_user_role, notice, notice_index
):
    """Neither changes what visitors see: an editor working on a draft during a burst of visits
    does not send every visitor back to a render."""
    warm(visitor, notice.url)
    warm(visitor, notice_index.url)
    client.force_login(admin_user_role)
    edit = reverse("wagtailadmin_pages:edit", args=(notice.pk,))
    assert client.post(edit, notice_form(title="草稿：尚未公开的标题", slug="tingshui")).status_code == 302
    assert client.post(reverse("wagtailadmin_pages:lock", args=(notice.pk,))).status_code == 302
    assert NoticePage.objects.get(pk=notice.pk).locked
    assert cache_state(visitor.get(notice.url)) == "hit"
    assert cache_state(visitor.get(notice_index.url)) == "hit"
    assert client.post(reverse("wagtailadmin_pages:unlock", args=(notice.pk,))).status_code == 302
    publish = {**notice_form(title="关于停水时间调整的通知", slug="tingshui"), "action-publish": "1"}
    assert client.post(edit, publish).status_code == 302
    response = visitor.get(notice.url)
    assert cache_state(response) == "miss" and "停水时间调整" in response.content.decode()
    assert cache_state(visitor.get(notice_index.url)) == "miss"


def test_a_change_scheduled_for_later_shows_only_when_the_scheduler_publishes_it(
    client, visitor, admin_user_role, notice, monkeypatch
):
    """The scheduled revision is saved as a draft (no purge): the cached live page is right until
    the scheduler publishes it, which purges like any publish."""
    notice.save_revision().publish()  # live with a live revision, as pages published in the admin are
    warm(visitor, notice.url)
    client.force_login(admin_user_role)
    later = timezone.localtime() + datetime.timedelta(days=1)
    data = {
        **notice_form(title="明天才公开的停水通知", slug="tingshui"),
        "go_live_at": later.strftime("%Y-%m-%d %H:%M"),
        "action-publish": "1",
    }
    assert client.post(reverse("wagtailadmin_pages:edit", args=(notice.pk,)), data).status_code == 302
    assert Revision.objects.filter(approved_go_live_at__isnull=False).exists()
    for _ in range(2):
        response = visitor.get(notice.url)
        assert cache_state(response) == "hit" and "明天才公开" not in response.content.decode()
    # The time comes: the scheduler runs a day later.
    real_now = timezone.now
    with monkeypatch.context() as tomorrow:
        tomorrow.setattr(timezone, "now", lambda: real_now() + datetime.timedelta(days=1, minutes=1))
        call_command("publish_scheduled", stdout=io.StringIO())
    assert NoticePage.objects.get(pk=notice.pk).title == "明天才公开的停水通知"
    response = visitor.get(notice.url)
    assert cache_state(response) == "miss" and "明天才公开的停水通知" in response.content.decode()


def test_moving_a_page_to_another_community_purges_both(
    client, visitor, admin_user_role, notice, notice_index
):
    call_command("add_community", name="锦绣社区", hostname="jinxiu.localhost", stdout=io.StringIO())
    other = Site.objects.get(hostname="jinxiu.localhost")
    other_board = NoticeIndexPage.objects.descendant_of(other.root_page).get()
    old_url = notice.url
    warm(visitor, old_url)
    warm(visitor, notice_index.url)
    warm(visitor, other_board.relative_url(other), HTTP_HOST="jinxiu.localhost")
    client.force_login(admin_user_role)
    client.post(reverse("wagtailadmin_pages:move_confirm", args=(notice.pk, other_board.pk)))
    assert Page.objects.get(pk=notice.pk).get_parent().pk == other_board.pk

    assert visitor.get(old_url).status_code == 404
    assert "关于停水的通知" not in visitor.get(notice_index.url).content.decode()
    moved = visitor.get(other_board.relative_url(other), HTTP_HOST="jinxiu.localhost")
    assert "关于停水的通知" in moved.content.decode()


def test_making_a_page_private_in_the_admin_hides_it_at_once(client, visitor, admin_user_role, news_index):
    assert visitor.get(news_index.url).status_code == 200
    client.force_login(admin_user_role)
    url = reverse("wagtailadmin_pages:set_privacy", args=(news_index.pk,))
    client.post(url, {"restriction_type": "password", "password": "mima12345"})
    assert PageViewRestriction.objects.filter(page=news_index).exists()
    # The password form carries a CSRF token: answered privately and never stored.
    for _ in range(2):
        response = visitor.get(news_index.url)
        assert cache_state(response) is None
        assert "private" in response["Cache-Control"]
        assert "csrfmiddlewaretoken" in response.content.decode()


def test_changing_the_site_settings_shows_at_once(client, visitor, admin_user_role, site, notice):
    warm(visitor, "/")
    warm(visitor, notice.url)
    client.force_login(admin_user_role)
    url = reverse("wagtailsettings:edit", args=("portal", "communitysettings", site.pk))
    response = client.post(url, {"community_name": "幸福里社区", "hotline": "0531-88661234"})
    assert response.status_code == 302
    assert "幸福里社区" in visitor.get("/").content.decode()
    assert "幸福里社区" in visitor.get(notice.url).content.decode()


def test_renaming_a_volunteer_team_shows_on_the_star_board_at_once(visitor, home_page):
    board = VolunteerBoardPageFactory(parent=home_page)
    team = VolunteerTeamFactory(name="邻里守望服务队")
    warm(visitor, board.url)
    team.name = "银发互助服务队"
    team.save()
    html = visitor.get(board.url).content.decode()
    assert "银发互助服务队" in html and "邻里守望服务队" not in html


def test_withdrawn_consent_hides_the_name_at_once(visitor, home_page):
    """The admin hook withdraws consent with QuerySet.update(), which sends no signal; here the
    portrait's file is gone too, so no image is saved either."""
    board = VolunteerBoardPageFactory(parent=home_page)
    index = RoleModelIndexPageFactory(parent=board)
    page = RoleModelPageFactory(
        parent=index, real_name="王桂芳", publish_consent=True, consent_date="2026-01-05"
    )
    assert "王桂芳" in warm(visitor, page.url).content.decode()
    page.portrait.file.storage.delete(page.portrait.file.name)
    RoleModelPage.objects.filter(pk=page.pk).update(publish_consent=False)
    consent_withdrawn(role_model=RoleModelPage.objects.get(pk=page.pk))
    assert "王桂芳" not in visitor.get(page.url).content.decode()


def test_a_publish_in_one_community_leaves_the_other_communitys_cache(
    client, visitor, staff_user, notice_index
):
    call_command("add_community", name="锦绣社区", hostname="jinxiu.localhost", stdout=io.StringIO())
    warm(visitor, "/", HTTP_HOST="jinxiu.localhost")
    warm(visitor, "/")
    client.force_login(staff_user)
    add = reverse("wagtailadmin_pages:add", args=("notices", "noticepage", notice_index.pk))
    client.post(add, {**notice_form(title="本社区的新通知"), "action-publish": "1"})
    assert cache_state(visitor.get("/")) == "miss"
    assert cache_state(visitor.get("/", HTTP_HOST="jinxiu.localhost")) == "hit"


def test_a_write_bumps_again_when_its_transaction_commits(notice, django_capture_on_commit_callbacks):
    site_id = Site.objects.get(is_default_site=True).pk
    with django_capture_on_commit_callbacks() as callbacks:
        notice.title = "改过的标题"
        notice.save()
    before = keys.generation(site_id)
    for callback in callbacks:
        callback()
    assert keys.generation(site_id) > before


def test_a_new_release_does_not_serve_the_old_releases_pages(visitor, notice, monkeypatch):
    warm(visitor, notice.url)
    monkeypatch.setattr(keys, "code_version", lambda: "next-release")
    assert cache_state(visitor.get(notice.url)) == "miss"


def test_the_code_version_follows_the_templates(tmp_path, settings):
    keys.code_version.cache_clear()
    before = keys.code_version()
    keys.code_version.cache_clear()
    settings.STATICFILES_DIRS = [*settings.STATICFILES_DIRS, tmp_path]
    (tmp_path / "site.css").write_text("body { font-size: 24px; }")
    try:
        assert keys.code_version() != before
    finally:
        keys.code_version.cache_clear()


# Public URLs that are not pages


def test_sitemap_and_feed_are_cached_and_purged(visitor, notice, notice_index):
    for url in ("/sitemap.xml", notice_index.url + "feed/"):
        assert warm(visitor, url).status_code == 200
    NoticePageFactory(parent=notice_index, title="新发布的通知", slug="xin")
    assert "新发布的通知" in visitor.get(notice_index.url + "feed/").content.decode()
    assert "/xin/" in visitor.get("/sitemap.xml").content.decode()


# Attacker angles


def test_the_host_header_is_part_of_the_key(visitor, notice):
    warm(visitor, notice.url, HTTP_HOST="evil.example")
    response = visitor.get(notice.url)
    assert cache_state(response) == "miss"
    assert "evil.example" not in response.content.decode()


def test_query_strings_are_normalised_and_bounded(visitor, notice, notice_index):
    warm(visitor, notice.url)
    # A link shared in WeChat is cached too, as its own entry: the page links keep the share
    # parameters, which never reach a visitor who did not send them.
    shared_url = notice_index.url + "?from=singlemessage&isappinstalled=0&utm_source=wx"
    warm(visitor, shared_url)
    plain = visitor.get(notice_index.url)
    assert cache_state(plain) == "miss" and "singlemessage" not in plain.content.decode()
    # A parameter no page reads is answered but never stored (no cache flooding).
    for _ in range(2):
        odd = visitor.get(notice.url + "?x=<script>")
        assert odd.status_code == 200 and cache_state(odd) is None
    # The board's own filters are part of the key, in any order.
    warm(visitor, notice_index.url + "?category=residents&page=1")
    assert cache_state(visitor.get(notice_index.url + "?page=1&category=residents")) == "hit"
    assert cache_state(visitor.get(notice_index.url + "?page=2&category=residents")) == "miss"
    assert cache_state(visitor.get(notice_index.url + "?page=1&page=2")) is None


def test_a_hit_parses_no_query_string(visitor, notice_index, monkeypatch):
    """Each process remembers a raw query string's normalised form: a hit builds no QueryDict."""
    url = notice_index.url + "?category=residents&page=1"
    warm(visitor, url)
    parsed = []
    monkeypatch.setattr(QueryDict, "__init__", lambda *a, **k: parsed.append(1) or real_init(*a, **k))
    assert cache_state(visitor.get(url)) == "hit"
    assert parsed == []


real_init = QueryDict.__init__


def test_the_remembered_query_strings_follow_the_settings(visitor, notice_index, settings):
    url = notice_index.url + "?page=1"
    warm(visitor, url)
    settings.PAGE_CACHE_QUERY_PARAMS = ["category"]  # the board's page number no longer kept
    for _ in range(2):
        assert cache_state(visitor.get(url)) is None


def test_elder_mode_is_a_separate_entry(visitor, notice):
    plain = warm(visitor, notice.url)
    visitor.cookies["elder_mode"] = "1"
    elder = visitor.get(notice.url)
    assert cache_state(elder) == "miss" and elder.content != plain.content
    assert cache_state(visitor.get(notice.url)) == "hit"
    del visitor.cookies["elder_mode"]
    assert visitor.get(notice.url).content == plain.content


def test_a_signed_in_user_neither_reads_nor_fills_the_cache(client, visitor, staff_user, notice):
    client.force_login(staff_user)
    for _ in range(2):
        assert cache_state(client.get(notice.url)) is None
    assert cache_state(warm(visitor, notice.url)) == "hit"
    # Any cookie but 长辈版's and the CSRF cookie (a session, messages) skips the cache.
    visitor.cookies["messages"] = "x"
    assert cache_state(visitor.get(notice.url)) is None


def test_responses_that_set_cookies_are_never_stored(visitor, notice, settings):
    settings.ROOT_URLCONF = "tests.portal.page_cache_urls"
    for _ in range(2):
        response = visitor.get("/set-cookie/")
        assert response.cookies and cache_state(response) is None
        assert "private" in response["Cache-Control"]
        visitor.cookies.clear()


def test_the_admin_and_previews_are_never_cached(client, visitor, staff_user, notice):
    assert cache_state(visitor.get("/admin/login/")) is None
    client.force_login(staff_user)
    preview = reverse("wagtailadmin_pages:view_draft", args=(notice.pk,))
    client.get(preview)
    assert cache_state(client.get(preview)) is None


def test_a_page_that_states_its_last_change_keeps_it(visitor, notice_index, monkeypatch):
    from email.utils import parsedate_to_datetime

    notice = NoticePageFactory(parent=notice_index, title="关于停水的通知", slug="tingshui")
    notice.save_revision().publish()
    notice.refresh_from_db()
    later = notice.last_published_at.timestamp() + 5  # the cache stores it a few seconds later
    monkeypatch.setattr("portal.page_cache.middleware.time.time", lambda: later)
    response = visitor.get("/notices/feed/")
    assert response["X-Page-Cache"] == "miss"
    assert parsedate_to_datetime(response["Last-Modified"]) == notice.last_published_at.replace(microsecond=0)
    assert visitor.get("/notices/feed/")["Last-Modified"] == response["Last-Modified"]


@pytest.mark.django_db
def test_clear_cache_command_empties_the_page_cache_after_a_change_outside_the_program(notice_index):
    notice = NoticePageFactory(parent=notice_index, title="旧标题", slug="jiu")
    visitor = Client()
    for _ in range(3):
        if visitor.get(notice.url).get("X-Page-Cache") == "hit":
            break
    NoticePage.objects.filter(pk=notice.pk).update(title="改正的标题")  # a direct SQL fix
    assert "旧标题" in visitor.get(notice.url).content.decode()
    out = io.StringIO()
    call_command("clear_cache", stdout=out)
    assert "缓存已清空" in out.getvalue()
    assert "改正的标题" in visitor.get(notice.url).content.decode()
