"""Rendered fragments ({% sitecache %}) and remembered routes/surroundings (site_memo) are never
stale: after a publish, an unpublish, a slug change, a new objection or a settings change the
very next view shows it. The whole-page cache is off here, so these views are rendered."""

import datetime

import pytest
from django.utils import timezone
from wagtail.models import Site

from news.factories import ArticlePageFactory, ColumnFactory, IssuePageFactory
from notices.factories import NoticePageFactory
from notices.feedback.factories import file
from notices.feedback.models.items import OBJECTION
from portal.models import CommunitySettings
from tests.rendering import shared_cache_entries, sql_of
from volunteers.factories import RoleModelIndexPageFactory, RoleModelPageFactory, VolunteerBoardPageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]


def html_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def warm(client, url):
    """Two views: the first may also create the site's settings rows (a write)."""
    client.get(url)
    client.get(url)


def republish(page, **changes):
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()


def queries_of(client, url):
    return len(sql_of(client, url)[1])


def test_a_remembered_route_follows_a_slug_change_and_an_unpublish(client, notice_index):
    notice = NoticePageFactory(parent=notice_index, title="停水通知", slug="tingshui")
    warm(client, "/notices/tingshui/")
    assert queries_of(client, "/notices/tingshui/") <= 2  # routed and rendered from memos
    republish(notice, slug="tingshui-2")
    assert "停水通知" in html_of(client, "/notices/tingshui-2/")
    html_of(client, "/notices/tingshui/", status=404)
    notice.unpublish()
    html_of(client, "/notices/tingshui-2/", status=404)


def test_made_up_urls_are_not_remembered(client, notice_index):
    NoticePageFactory(parent=notice_index, slug="tingshui")
    warm(client, "/notices/tingshui/")
    before = len(shared_cache_entries())
    for n in range(20):
        client.get(f"/notices/no-such-{n}/")
        client.get(f"/notices/tingshui/print/{n}/")
    assert len(shared_cache_entries()) == before


def test_the_footer_shows_a_new_hotline_at_once(client, home_page):
    warm(client, "/")
    site = Site.objects.get(is_default_site=True)
    settings_row = CommunitySettings.for_site(site)
    settings_row.hotline = "0531-8888 6666"
    settings_row.save()
    assert "0531-8888 6666" in html_of(client, "/")


def test_a_notice_shows_its_new_text_tags_and_objections_at_once(client, notice_index):
    today = timezone.localdate()
    notice = NoticePageFactory(
        parent=notice_index,
        slug="dibao",
        public_from=today - datetime.timedelta(days=1),
        public_until=today + datetime.timedelta(days=5),
    )
    warm(client, notice.url)
    assert "本公示期内收到异议 0 件" in html_of(client, notice.url)
    file("公示名单里有人条件不符。", kind=OBJECTION, notice=notice)
    assert "本公示期内收到异议 1 件" in html_of(client, notice.url)
    notice.body = [("paragraph", "<p>更正后的名单如下。</p>")]
    notice.tags.add("低保")
    republish(notice)
    html = html_of(client, notice.url)
    assert "更正后的名单如下" in html and "?tag=%E4%BD%8E%E4%BF%9D" in html


def test_an_article_shows_its_new_column_and_tags_and_goes_with_its_issue(client, publication):
    issue = IssuePageFactory(parent=publication, number=1)
    article = ArticlePageFactory(parent=issue, title="义诊进小区", slug="yizhen")
    warm(client, article.url)
    assert queries_of(client, article.url) <= 2
    column = ColumnFactory(publication=publication, name="身边好人")
    article.column = column
    article.tags.add("健康")
    republish(article)
    html = html_of(client, article.url)
    assert "身边好人" in html and "健康" in html
    issue.unpublish()
    html_of(client, article.url, status=404)


def test_an_issue_shows_a_new_article_and_goes_when_its_last_article_does(client, publication):
    issue = IssuePageFactory(parent=publication, number=1)
    first = ArticlePageFactory(parent=issue, title="义诊进小区")
    warm(client, issue.url)
    assert queries_of(client, issue.url) <= 2
    ArticlePageFactory(parent=issue, title="楼道灯修好了")
    assert "楼道灯修好了" in html_of(client, issue.url)
    for article in issue.get_children().specific():
        article.unpublish()
    html_of(client, issue.url, status=404)
    assert first.title not in html_of(client, publication.url)


def test_a_publication_shows_its_new_issue_first(client, publication):
    older = IssuePageFactory(parent=publication, number=1, date=datetime.date(2026, 1, 1))
    ArticlePageFactory(parent=older, title="元旦联欢")
    warm(client, publication.url)
    assert queries_of(client, publication.url) <= 2
    newer = IssuePageFactory(parent=publication, number=2, date=datetime.date(2026, 2, 1))
    ArticlePageFactory(parent=newer, title="春节慰问")
    html = html_of(client, publication.url)
    assert "春节慰问" in html  # the latest issue's contents beside its cover
    assert html.index(newer.url) < html.index(older.url)


def test_the_gallery_shows_a_new_role_model(client, home_page):
    board = VolunteerBoardPageFactory(parent=home_page, slug="volunteers")
    role_index = RoleModelIndexPageFactory(parent=board, slug="role-models")
    RoleModelPageFactory(parent=role_index, real_name="王秀英")
    warm(client, role_index.url)
    assert queries_of(client, role_index.url) <= 2
    newcomer = RoleModelPageFactory(parent=role_index, real_name="李建国")
    assert newcomer.url in html_of(client, role_index.url)


def test_a_board_list_shows_a_new_notice(client, notice_index):
    NoticePageFactory(parent=notice_index, title="旧公告", date=datetime.date(2026, 1, 1))
    warm(client, "/notices/")
    assert queries_of(client, "/notices/") <= 2
    NoticePageFactory(parent=notice_index, title="新公告", date=datetime.date(2026, 3, 1))
    html = html_of(client, "/notices/")
    assert html.index("新公告") < html.index("旧公告")


def test_an_editors_draft_and_preview_never_reach_the_kept_fragments(client, staff_user, notice_index):
    """An insider saves a draft through the admin and opens its preview before any visitor: the
    preview renders afresh (no fragment is kept from it) and visitors keep the live text."""
    from django.test import Client
    from django.urls import reverse

    from tests.notices.admin_forms import notice_form

    notice = NoticePageFactory(
        parent=notice_index,
        title="关于停水的通知",
        slug="tingshui",
        body=[("paragraph", "<p>周三停水。</p>")],
    )
    client.force_login(staff_user)
    edit = reverse("wagtailadmin_pages:edit", args=(notice.pk,))
    data = notice_form(title="关于停水的通知", slug="tingshui")
    data.update(
        {"body-count": "1", "body-0-type": "heading", "body-0-value": "草稿：尚未公开", "body-0-deleted": ""}
    )
    assert client.post(edit, data).status_code == 302
    preview = reverse("wagtailadmin_pages:view_draft", args=(notice.pk,))
    for _ in range(2):
        assert "草稿：尚未公开" in client.get(preview).content.decode()
        own = client.get(notice.url).content.decode()  # the editor, signed in, on the live page
        assert "周三停水" in own and "草稿" not in own
    visitor = Client()
    for _ in range(2):
        html = html_of(visitor, notice.url)
        assert "周三停水" in html and "草稿" not in html


def test_two_communities_never_answer_with_each_others_routes_or_footer(client, notice_index):
    """The same path and the same fragment names in two communities: each host gets its own."""
    import io

    from django.core.management import call_command

    from notices.models import NoticeIndexPage

    call_command("add_community", name="锦绣社区", hostname="jinxiu.localhost", stdout=io.StringIO())
    other = Site.objects.get(hostname="jinxiu.localhost")
    other_board = NoticeIndexPage.objects.descendant_of(other.root_page).get()
    NoticePageFactory(parent=notice_index, title="历山的停水通知", slug="tingshui")
    NoticePageFactory(parent=other_board, title="锦绣的停电通知", slug="tingshui")
    for site, hotline in (
        (Site.objects.get(is_default_site=True), "0531-1111 1111"),
        (other, "0531-2222 2222"),
    ):
        row = CommunitySettings.for_site(site)
        row.hotline = hotline
        row.save()
    path = other_board.relative_url(other) + "tingshui/"
    for _ in range(2):
        ours = html_of(client, path)
        theirs = client.get(path, HTTP_HOST="jinxiu.localhost").content.decode()
        assert "历山的停水通知" in ours and "锦绣" not in ours and "0531-1111 1111" in ours
        assert "锦绣的停电通知" in theirs and "历山的停水" not in theirs and "0531-2222 2222" in theirs
