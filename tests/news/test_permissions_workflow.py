"""The editorial workflow 社区报审稿 and the roles' permissions, driven through the admin."""

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import GroupPagePermission, WorkflowPage, WorkflowState
from wagtail.test.utils.form_data import rich_text

from news.factories import IssuePageFactory, NewsIndexPageFactory
from news.models import ArticlePage, IssuePage
from notices.factories import NoticeIndexPageFactory, NoticePageFactory
from portal import roles
from tests.news.conftest import article_form_data, issue_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(make_user):
    return make_user(roles.RESIDENT_EDITORS, username="editor1", first_name="赵秀兰")


@pytest.fixture
def chief(make_user):
    return make_user(roles.EDITOR_IN_CHIEF, username="chief", first_name="李建国")


@pytest.fixture
def issue(publication):
    return IssuePageFactory(parent=publication, number=1)


def add_article_url(issue):
    return reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk))


def submit_article(client, editor, issue, **extra):
    client.force_login(editor)
    response = client.post(
        add_article_url(issue), article_form_data("楼道里的图书角", "reading-corner", **extra)
    )
    assert response.status_code == 302
    return ArticlePage.objects.get(slug="reading-corner")


def test_news_index_gets_permissions_and_workflow_once(home_page):
    index = NewsIndexPageFactory(parent=home_page)
    index.save_revision().publish()  # saving again changes nothing
    assert WorkflowPage.objects.get(page=index).workflow.name == "社区报审稿"
    perms = {
        (roles.roles_of_groups([p.group]).pop(), p.permission.codename)
        for p in GroupPagePermission.objects.filter(page=index).select_related("group", "permission")
    }
    assert perms == {
        (roles.RESIDENT_EDITORS, "add_page"),
        (roles.RESIDENT_EDITORS, "change_page"),
        (roles.EDITOR_IN_CHIEF, "add_page"),
        (roles.EDITOR_IN_CHIEF, "change_page"),
        (roles.EDITOR_IN_CHIEF, "publish_page"),
    }
    task = WorkflowPage.objects.get(page=index).workflow.tasks.get().specific
    assert list(task.groups.all()) == [roles.group(roles.EDITOR_IN_CHIEF)]


def test_editor_publish_only_submits_for_review(client, editor, chief, issue):
    client.force_login(editor)
    form = client.get(add_article_url(issue)).content.decode()
    assert 'name="action-publish"' not in form
    assert 'name="action-submit"' in form

    # Even a hand-made "publish" request only saves a draft.
    client.post(add_article_url(issue), article_form_data("抢先发布", "sneaky", **{"action-publish": "1"}))
    sneaky = ArticlePage.objects.get(slug="sneaky")
    assert not sneaky.live and sneaky.has_unpublished_changes

    article = submit_article(client, editor, issue, **{"action-submit": "1"})
    assert not article.live
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(article.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.workflow.name == "社区报审稿"
    # The chief is told there is something to review.
    assert any(chief.email in m.to for m in mail.outbox)

    # The editor cannot approve their own article.
    task_state = state.current_task_state
    client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "approve", task_state.pk)),
        {"comment": ""},
    )
    article.refresh_from_db()
    assert not article.live


def test_chief_approves_and_the_article_goes_live(client, editor, chief, issue):
    article = submit_article(client, editor, issue, **{"action-submit": "1"})
    task_state = WorkflowState.objects.get(object_id=str(article.pk)).current_task_state.specific
    client.force_login(chief)
    mail.outbox.clear()
    response = client.post(
        reverse("wagtailadmin_pages:workflow_action", args=(article.pk, "approve", task_state.pk)),
        {"comment": "写得很好", "fingerprint": task_state.fingerprint},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.live
    assert client.get(article.url).status_code == 200
    assert any(editor.email in m.to for m in mail.outbox)


def test_chief_rejects_with_a_comment_and_the_author_is_told(client, editor, chief, issue):
    article = submit_article(client, editor, issue, **{"action-submit": "1"})
    state = WorkflowState.objects.get(object_id=str(article.pk))
    client.force_login(chief)
    mail.outbox.clear()
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action", args=(article.pk, "reject", state.current_task_state.pk)
        ),
        {"comment": "请补充图书角的开放时间，照片里的孩子请打码。"},
    )
    state.refresh_from_db()
    article.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not article.live
    assert state.current_task_state.comment == "请补充图书角的开放时间，照片里的孩子请打码。"
    rejection = [m for m in mail.outbox if editor.email in m.to]
    assert rejection

    # The page comes back to the editor with the comment, and they can resubmit.
    client.force_login(editor)
    edit_url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    assert "请补充图书角的开放时间" in client.get(edit_url).content.decode()
    response = client.post(
        edit_url, article_form_data("楼道里的图书角", "reading-corner", **{"action-submit": "1"})
    )
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS


def test_chief_publishes_directly(client, chief, issue):
    client.force_login(chief)
    form = client.get(add_article_url(issue)).content.decode()
    assert 'name="action-publish"' in form
    client.post(
        add_article_url(issue), article_form_data("社区新闻", "chief-news", **{"action-publish": "1"})
    )
    assert ArticlePage.objects.get(slug="chief-news").live


def test_editor_can_add_issues_but_not_touch_other_sections(client, editor, home_page, publication):
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:add", args=("news", "issuepage", publication.pk))
    assert client.post(url, issue_form_data(9)).status_code == 302
    assert IssuePage.objects.get(number=9).owner == editor

    notices = NoticeIndexPageFactory(parent=home_page)
    notice = NoticePageFactory(parent=notices, title="关于停水的通知")
    for denied in (
        reverse("wagtailadmin_pages:edit", args=(notices.pk,)),
        reverse("wagtailadmin_pages:add_subpage", args=(notices.pk,)),
        reverse("wagtailadmin_pages:add", args=("notices", "noticepage", notices.pk)),
        reverse("wagtailadmin_pages:edit", args=(notice.pk,)),
        reverse("wagtailadmin_pages:edit", args=(home_page.pk,)),
    ):
        response = client.get(denied)
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] == reverse("wagtailadmin_home")
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(notices.pk,)), {"title": "改了", "slug": "notices"}
    )
    notices.refresh_from_db()
    assert notices.title == "公开栏"
    assert not notice.get_latest_revision() or notice.get_latest_revision().user != editor


def test_editor_cannot_change_the_section_or_publication_pages(
    client, editor, chief, news_index, publication
):
    client.force_login(editor)
    for url in (
        reverse("wagtailadmin_pages:edit", args=(news_index.pk,)),
        reverse("wagtailadmin_pages:edit", args=(publication.pk,)),
        reverse("wagtailadmin_pages:add", args=("news", "publicationpage", news_index.pk)),
    ):
        response = client.get(url, follow=True)
        assert "居民编辑可以撰写和编辑期刊、文章" in response.content.decode()
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(publication.pk,)),
        {"title": "改名", "slug": publication.slug, "frequency": "weekly", "description": rich_text("")},
    )
    assert response.status_code == 302
    assert publication.get_latest_revision() is None

    client.force_login(chief)
    assert client.get(reverse("wagtailadmin_pages:edit", args=(publication.pk,))).status_code == 200
