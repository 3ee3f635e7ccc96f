"""An issue and its articles go out together at the issue's go_live_at (publish_scheduled)."""

import datetime
from unittest import mock

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from news.factories import ArticlePageFactory, IssuePageFactory
from news.models import ArticlePage, IssuePage
from portal import roles
from tests.news.conftest import article_form_data, issue_form_data

pytestmark = pytest.mark.django_db


def schedule(page, when):
    page.go_live_at = when
    page.save_revision().publish()
    page.refresh_from_db()


def run_publish_scheduled(at):
    with mock.patch("django.utils.timezone.now", return_value=at):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_issue_and_articles_go_live_together(client, publication):
    go_live = timezone.now() + datetime.timedelta(days=2)
    issue = IssuePageFactory(parent=publication, number=20, live=False)
    scheduled = ArticlePageFactory(parent=issue, title="端午邻里节预告", live=False)
    # Written early and published at once: still hidden until the issue is out.
    early = ArticlePageFactory(parent=issue, title="志愿者招募启事", live=True)
    schedule(issue, go_live)
    schedule(scheduled, go_live)
    assert not issue.live and not scheduled.live

    for url in (issue.url, scheduled.url, early.url):
        assert client.get(url).status_code == 404
    assert issue.url not in client.get(publication.url).content.decode()
    assert "志愿者招募启事" not in client.get(publication.url + "feed/").content.decode()
    assert issue.url not in client.get("/sitemap.xml").content.decode()
    assert early.url not in client.get("/sitemap.xml").content.decode()

    run_publish_scheduled(go_live - datetime.timedelta(minutes=1))
    assert not IssuePage.objects.get(pk=issue.pk).live

    run_publish_scheduled(go_live + datetime.timedelta(minutes=1))
    assert IssuePage.objects.get(pk=issue.pk).live
    assert ArticlePage.objects.get(pk=scheduled.pk).live
    html = client.get(issue.url).content.decode()
    assert "端午邻里节预告" in html and "志愿者招募启事" in html
    assert client.get(early.url).status_code == 200
    assert issue.url in client.get(publication.url).content.decode()
    assert "志愿者招募启事" in client.get(publication.url + "feed/").content.decode()


def test_issue_scheduled_before_its_articles_stays_hidden(client, publication):
    go_live = timezone.now() + datetime.timedelta(hours=1)
    issue = IssuePageFactory(parent=publication, number=21, live=False)
    draft = ArticlePageFactory(parent=issue, live=False)
    schedule(issue, go_live)
    run_publish_scheduled(go_live + datetime.timedelta(minutes=1))
    assert IssuePage.objects.get(pk=issue.pk).live
    # Live but empty: readers never see a table of contents with nothing (or drafts) in it.
    assert client.get(issue.url).status_code == 404
    assert issue.url not in client.get(publication.url).content.decode()
    assert draft.url not in client.get("/sitemap.xml").content.decode()


def test_new_article_in_scheduled_issue_defaults_to_its_date(client, admin_user_role, publication):
    go_live = timezone.now() + datetime.timedelta(days=3)
    issue = IssuePageFactory(parent=publication, number=22, live=False)
    schedule(issue, go_live)
    client.force_login(admin_user_role)
    form = client.get(reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk)))
    field = form.context["form"]["go_live_at"]
    # Shown in Asia/Shanghai time, to the second.
    assert field.value() == timezone.localtime(issue.go_live_at).replace(microsecond=0, tzinfo=None)


def publish_via_admin(client, url, data):
    data = {**data, "action-publish": "1"}
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    return response


def test_article_published_before_its_issue_waits_for_it(client, make_user, publication):
    chief = make_user(roles.EDITOR_IN_CHIEF)
    client.force_login(chief)
    issue = IssuePageFactory(parent=publication, number=23, live=False)
    add_url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk))

    response = publish_via_admin(client, add_url, article_form_data("重阳节敬老宴", "chongyang"))
    article = ArticlePage.objects.get(slug="chongyang")
    assert not article.live and article.held_revision is not None and article.first_published_at is None
    assert "将在期刊发布时一起上线" in response.content.decode()
    assert "重阳节敬老宴" not in client.get("/sitemap.xml").content.decode()

    # Publishing the issue releases the article with it.
    edit_url = reverse("wagtailadmin_pages:edit", args=(issue.pk,))
    publish_via_admin(client, edit_url, issue_form_data(23, slug=issue.slug))
    article.refresh_from_db()
    assert article.live and article.held_revision is None and article.first_published_at
    client.logout()
    assert "重阳节敬老宴" in client.get(issue.url).content.decode()
    assert client.get(article.url).status_code == 200


def test_article_approved_before_a_scheduled_issue_goes_out_with_it(client, make_user, publication):
    go_live = timezone.now() + datetime.timedelta(days=1)
    issue = IssuePageFactory(parent=publication, number=24, live=False)
    schedule(issue, go_live)
    chief = make_user(roles.EDITOR_IN_CHIEF)
    client.force_login(chief)
    add_url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk))
    # The chief clears the suggested date: the article is approved now, held for the issue.
    publish_via_admin(client, add_url, article_form_data("冬至包饺子", "dongzhi", go_live_at=""))
    article = ArticlePage.objects.get(slug="dongzhi")
    assert not article.live and article.held_revision is not None

    run_publish_scheduled(go_live + datetime.timedelta(minutes=1))
    article.refresh_from_db()
    assert IssuePage.objects.get(pk=issue.pk).live and article.live
    assert "冬至包饺子" in client.get(issue.url).content.decode()


def test_unpublishing_an_issue_takes_its_articles_offline_until_it_returns(client, make_user, publication):
    chief = make_user(roles.EDITOR_IN_CHIEF)
    issue = IssuePageFactory(parent=publication, number=25)
    article = ArticlePageFactory(parent=issue, title="秋季运动会")
    article.save_revision(user=chief).publish(user=chief)
    client.force_login(chief)

    client.post(reverse("wagtailadmin_pages:unpublish", args=(issue.pk,)))
    issue.refresh_from_db()
    article.refresh_from_db()
    assert not issue.live and not article.live and article.held_revision is not None
    assert "秋季运动会" not in client.get("/sitemap.xml").content.decode()

    edit_url = reverse("wagtailadmin_pages:edit", args=(issue.pk,))
    publish_via_admin(client, edit_url, issue_form_data(25, slug=issue.slug))
    article.refresh_from_db()
    assert article.live and article.held_revision is None


def test_the_log_says_held_then_published_and_edits_keep_the_held_revision(client, make_user, publication):
    from wagtail.models import PageLogEntry

    chief = make_user(roles.EDITOR_IN_CHIEF)
    client.force_login(chief)
    issue = IssuePageFactory(parent=publication, number=25, live=False)
    add_url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk))
    publish_via_admin(client, add_url, article_form_data("端午包粽子", "duanwu"))
    article = ArticlePage.objects.get(slug="duanwu")
    actions = list(PageLogEntry.objects.filter(page=article).values_list("action", flat=True))
    assert "news.held_for_issue" in actions and "wagtail.publish" not in actions
    held = article.held_revision_id
    # An edit afterwards is a new draft; the approved revision stays held for the issue.
    edit_url = reverse("wagtailadmin_pages:edit", args=(article.pk,))
    client.post(edit_url, article_form_data("端午包粽子（改）", "duanwu"))
    assert ArticlePage.objects.get(pk=article.pk).held_revision_id == held
    publish_via_admin(
        client, reverse("wagtailadmin_pages:edit", args=(issue.pk,)), issue_form_data(25, slug=issue.slug)
    )
    article.refresh_from_db()
    assert article.live and article.live_revision_id == held and article.title == "端午包粽子"
    assert PageLogEntry.objects.filter(page=article, action="wagtail.publish").count() == 1
