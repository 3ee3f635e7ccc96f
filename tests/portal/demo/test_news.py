"""The newspaper demo: two publications, covers, PDFs, articles and a draft under review."""

from types import SimpleNamespace

import pytest
from django.db.models import Count
from wagtail.models import Page, Revision, WorkflowState

from news.models import ArticlePage, IssuePage, NewsIndexPage, PublicationPage
from portal import roles
from portal.demo import news as demo

pytestmark = pytest.mark.django_db


def test_demo_builds_both_papers_and_is_idempotent(client, site, home_page, make_user):
    users = {
        "chief": make_user(roles.EDITOR_IN_CHIEF, username="chief"),
        "editor1": make_user(roles.RESIDENT_EDITORS, username="editor1"),
    }
    ctx = SimpleNamespace(site=site, home=home_page, users=users, log=lambda message: None)
    demo.load(ctx)
    counts = (Page.objects.count(), Revision.objects.count(), WorkflowState.objects.count())
    demo.load(ctx)
    assert (Page.objects.count(), Revision.objects.count(), WorkflowState.objects.count()) == counts

    index = NewsIndexPage.objects.child_of(home_page).get()
    assert index.live and index.show_in_menus
    papers = {p.title: p for p in PublicationPage.objects.child_of(index)}
    assert papers["名郡生活"].frequency == "bimonthly"
    assert papers["社区快报"].frequency == "weekly"
    assert papers["名郡生活"].listed_issues().count() == 18
    assert papers["社区快报"].listed_issues().count() == 26

    issues = IssuePage.objects.live().descendant_of(index)
    assert not issues.filter(cover__isnull=True).exists()
    assert 2 <= issues.filter(print_edition__isnull=False).count() <= 8
    for issue in issues:
        live = ArticlePage.objects.child_of(issue).live()
        assert live.count() >= 3
        assert live.values("column").annotate(n=Count("pk")).count() >= 2
        assert all(a.correspondents.exists() for a in live)

    draft = ArticlePage.objects.get(owner=users["editor1"])
    assert not draft.live
    state = WorkflowState.objects.get(object_id=str(draft.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert state.requested_by == users["editor1"]
    assert state.current_task_state.task.specific.groups.filter(
        pk=roles.group(roles.EDITOR_IN_CHIEF).pk
    ).exists()

    assert client.get(papers["社区快报"].url).status_code == 200
    html = client.get("/").content.decode()
    assert "《名郡生活》" in html and "《社区快报》" in html
