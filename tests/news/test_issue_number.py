"""An issue number is unique within its publication; the admin says so in Chinese."""

import pytest
from django.urls import reverse

from news.factories import IssuePageFactory, PublicationPageFactory
from news.models import IssuePage
from tests.news.conftest import issue_form_data

pytestmark = pytest.mark.django_db


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("news", "issuepage", parent.pk))


def test_admin_refuses_a_duplicate_number(client, admin_user_role, publication):
    IssuePageFactory(parent=publication, number=12, title="第12期", slug="issue-12")
    client.force_login(admin_user_role)

    response = client.post(add_url(publication), issue_form_data(12, title="又一个第12期", slug="again-12"))

    assert response.status_code == 200
    assert "《社区快报》已经有第12期了" in response.content.decode()
    assert IssuePage.objects.child_of(publication).count() == 1
    # What the editor typed is kept in the form.
    assert "又一个第12期" in response.content.decode()


def test_admin_refuses_a_duplicate_running_number(client, admin_user_role, publication):
    IssuePageFactory(parent=publication, number=1, total_number=801)
    client.force_login(admin_user_role)

    response = client.post(add_url(publication), issue_form_data(2, total_number="801"))

    assert "已经有总第801期了" in response.content.decode()
    assert IssuePage.objects.child_of(publication).count() == 1


def test_same_number_in_another_publication_and_editing_itself(
    client, admin_user_role, news_index, publication
):
    other = PublicationPageFactory(parent=news_index, title="名郡生活", slug="mingjun")
    issue = IssuePageFactory(parent=publication, number=3)
    client.force_login(admin_user_role)

    response = client.post(add_url(other), issue_form_data(3))
    assert response.status_code == 302
    assert IssuePage.objects.child_of(other).get().number == 3

    # Saving the issue again with its own number is fine.
    edit_url = reverse("wagtailadmin_pages:edit", args=(issue.pk,))
    response = client.post(edit_url, issue_form_data(3, title="第3期（修订）", slug=issue.slug))
    assert response.status_code == 302
    assert IssuePage.objects.get(pk=issue.pk).get_latest_revision_as_object().title == "第3期（修订）"
