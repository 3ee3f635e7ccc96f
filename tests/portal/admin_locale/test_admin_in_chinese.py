"""The admin speaks Chinese: every screen an editor, a committee member or staff meets in their
journeys is walked, and any English word left (apart from a short allow-list) fails the test."""

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import Collection

from news.factories import ArticlePageFactory, CorrespondentFactory, IssuePageFactory
from notices.factories import NoticePageFactory, make_disclosure
from portal import roles
from tests.portal.admin_locale.english import english_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(make_user):
    return {
        "editor": make_user(roles.RESIDENT_EDITORS, username="editor1", first_name="赵秀兰"),
        "chief": make_user(roles.EDITOR_IN_CHIEF, username="chief", first_name="李建国"),
        "staff": make_user(roles.COMMUNITY_STAFF, username="staff1", first_name="王晓梅"),
        "committee": make_user(roles.COMMITTEE, username="committee1", first_name="周德明"),
        "committee2": make_user(roles.COMMITTEE, username="committee2", first_name="吴桂英"),
    }


@pytest.fixture
def content(people, publication, notice_index, finance_index, fund, site):
    issue = IssuePageFactory(parent=publication, number=12, slug="12", live=False)
    article = ArticlePageFactory(parent=issue, title="楼道里的图书角", slug="tsj", owner=people["editor"])
    article.save_revision(user=people["editor"])
    article.get_workflow().start(article, people["editor"])
    notice = NoticePageFactory(parent=notice_index, title="停水通知", slug="ts")
    disclosure = make_disclosure(
        finance_index, title="第一季度物业费明细", slug="q1", fund=fund, user=people["staff"]
    )
    disclosure.get_workflow().start(disclosure, people["staff"])
    news_collection = Collection.objects.get(name="社区报")
    image = wagtail_factories.ImageFactory(
        title="图书角", description="楼道里的书架", collection=news_collection
    )
    document = get_document_model().objects.create(
        title="社区快报第12期",
        file=wagtail_factories.DocumentFactory.build().file,
        collection=news_collection,
    )
    correspondent = CorrespondentFactory(display_name="孙丽", site=site)
    return locals()


def pages_walked(client, user, urls):
    """{url: {text: English words}} for the screens `user` can open among `urls`."""
    client.force_login(user)
    found = {}
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code in (200, 403, 404), (url, response.status_code)
        if response.status_code != 200:
            continue
        if "application/json" in response.get("Content-Type", ""):
            html = response.json().get("html", "")  # a chooser's modal
        else:
            html = response.content.decode()
        english = english_in(html)
        if english:
            found[url] = english
    return found


def report(found):
    return "\n".join(
        f"{url}:\n" + "\n".join(f"    {text!r}: {words}" for text, words in texts.items())
        for url, texts in found.items()
    )


def common_urls(content):
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_account"),
        reverse("wagtailadmin_explore_root"),
        reverse("wagtailadmin_pages:search") + "?q=图书角",
        reverse("wagtailimages:index"),
        reverse("wagtailimages:add"),
        reverse("wagtailimages:edit", args=(content["image"].pk,)),
        reverse("wagtailimages:add_multiple"),
        reverse("wagtailimages_chooser:choose"),
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtaildocs:index"),
        reverse("wagtaildocs:add"),
        reverse("wagtaildocs:edit", args=(content["document"].pk,)),
        reverse("wagtaildocs:add_multiple"),
        reverse("wagtailsnippets:index"),
        reverse("wagtailadmin_reports:locked_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:page_types_usage"),
    ]


def test_the_login_page_is_chinese(client):
    html = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "登录社区公开栏后台" in html
    assert "Wagtail" not in html.split("<body", 1)[1].split("</h1>", 1)[0]
    assert english_in(html) == {}


def test_an_editor_meets_no_english(client, people, content):
    issue, article = content["issue"], content["article"]
    urls = [
        *common_urls(content),
        reverse("wagtailadmin_explore", args=(issue.pk,)),
        reverse("wagtailadmin_explore", args=(issue.get_parent().pk,)),
        reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk)),
        reverse("wagtailadmin_pages:edit", args=(article.pk,)),
        reverse("wagtailadmin_pages:history", args=(article.pk,)),
        reverse("wagtailadmin_pages:workflow_history", args=(article.pk,)),
        reverse("my_drafts:index"),
        reverse("news_current_issue"),
        reverse("wagtailsnippets_news_correspondent:list"),
        reverse("wagtailsnippets_news_correspondent:add"),
        reverse("wagtailsnippets_news_correspondent:edit", args=(content["correspondent"].pk,)),
    ]
    found = pages_walked(client, people["editor"], urls)
    assert found == {}, report(found)


def test_the_chief_meets_no_english(client, people, content):
    article = content["article"]
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=(article.pk,)),
        reverse("wagtailadmin_pages:workflow_history", args=(article.pk,)),
    ]
    found = pages_walked(client, people["chief"], urls)
    assert found == {}, report(found)


def test_staff_meet_no_english(client, people, content):
    notice, disclosure = content["notice"], content["disclosure"]
    urls = [
        *common_urls(content),
        reverse("wagtailadmin_explore", args=(notice.get_parent().pk,)),
        reverse("wagtailadmin_pages:add", args=("notices", "noticepage", notice.get_parent().pk)),
        reverse("wagtailadmin_pages:edit", args=(notice.pk,)),
        reverse("wagtailadmin_pages:edit", args=(disclosure.pk,)),
        reverse("wagtailadmin_pages:history", args=(disclosure.pk,)),
        reverse("wagtailadmin_pages:workflow_history", args=(disclosure.pk,)),
        reverse(
            "wagtailadmin_pages:add", args=("notices", "financialdisclosurepage", disclosure.get_parent().pk)
        ),
    ]
    found = pages_walked(client, people["staff"], urls)
    assert found == {}, report(found)


def test_a_committee_member_meets_no_english(client, people, content):
    disclosure = content["disclosure"]
    urls = [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_pages:edit", args=(disclosure.pk,)),  # sent on to the review page
        reverse("wagtailadmin_pages:workflow_history", args=(disclosure.pk,)),
        reverse("wagtailadmin_account"),
    ]
    found = pages_walked(client, people["committee"], urls)
    assert found == {}, report(found)


def test_the_check_finds_english_where_people_read_it():
    html = """<p>Insert a block</p><button aria-label="Close">x</button><span hidden>None</span>
    <script id="wagtail-config" type="application/json">{"STRINGS": {"SAVE": "Save"}}</script>
    <p>上传 photo.png 到 /admin/ · PDF · 按 Ctrl + s</p>"""
    assert english_in(html) == {"Insert a block": ["Insert", "block"], "Close": ["Close"], "Save": ["Save"]}


def test_workflow_words_read_naturally(client, people, content, admin_user_role):
    """Wagtail's own approval task (管理员审核, for notices) offers 审核通过并发布 and 审核通过并附意见
    where Wagtail's Chinese says 批准 和发布 and 带评论批准; a published page is 已发布, not 在用."""
    notice = content["notice"]
    workflow = notice.get_workflow()
    assert workflow.name == "管理员审核"
    notice.save_revision(user=people["staff"])
    workflow.start(notice, people["staff"])
    client.force_login(admin_user_role)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "审核通过并附意见" in dashboard
    assert "退回修改" in dashboard
    editor = client.get(reverse("wagtailadmin_pages:edit", args=(notice.pk,))).content.decode()
    assert "审核通过并发布" in editor
    for awkward in ("批准 和发布", "带评论批准", "在用"):
        assert awkward not in dashboard + editor
