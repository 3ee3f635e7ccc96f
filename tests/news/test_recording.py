"""A recorded reading of an article or issue: uploaded in the editor, checked, played on the page."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from news.factories import ArticlePageFactory, IssuePageFactory
from news.models import ArticlePage
from tests.news.conftest import article_form_data

pytestmark = pytest.mark.django_db

MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 64
M4A = b"\x00\x00\x00\x20ftypM4A " + b"\x00" * 64


@pytest.fixture
def issue(publication):
    return IssuePageFactory(parent=publication, number=3)


def test_editor_uploads_a_recording_that_plays_on_the_article(
    client, admin_user_role, issue, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(admin_user_role)
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk))
    data = article_form_data("重阳节百家宴", "baijiayan", **{"action-publish": "1"})
    data["recording"] = SimpleUploadedFile("朗读.mp3", MP3, content_type="audio/mpeg")
    response = client.post(url, data)
    assert response.status_code == 302
    article = ArticlePage.objects.get(slug="baijiayan")
    assert article.recording.name.endswith(".mp3")
    html = client.get(article.url).content.decode()
    assert f'<audio controls preload="none" src="{article.recording.url}">' in html
    assert "收听录音" in html


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("朗读.wav", b"RIFF" + b"\x00" * 40, "只能是 MP3 或 M4A"),
        ("朗读.mp3", b"<html><script>alert(1)</script></html>", "内容不是 .mp3 录音"),
        ("朗读.m4a", MP3, "内容不是 .m4a 录音"),
    ],
)
def test_files_that_are_not_recordings_are_refused_in_chinese(
    client, admin_user_role, issue, settings, tmp_path, name, content, message
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(admin_user_role)
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk))
    data = article_form_data("重阳节百家宴", "baijiayan")
    data["recording"] = SimpleUploadedFile(name, content)
    response = client.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ArticlePage.objects.filter(slug="baijiayan").exists()
    assert not list(tmp_path.rglob("*.*"))


def test_an_issue_plays_its_recording_and_pages_without_one_show_no_player(client, issue, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    ArticlePageFactory(parent=issue, title="本期要闻")
    assert "<audio" not in client.get(issue.url).content.decode()
    issue.recording = SimpleUploadedFile("本期.m4a", M4A)
    issue.save_revision().publish()
    html = client.get(issue.url).content.decode()
    assert f'src="{issue.recording.url}"' in html


def test_a_recording_swapped_after_approval_is_new_content_to_review(issue, settings, tmp_path):
    # An editor cannot slip a different recording under the 主编's approval: the file is part of
    # the content the approval's fingerprint covers.
    from portal.review.fingerprint import fingerprint
    from portal.review.records import content_record

    settings.MEDIA_ROOT = tmp_path
    article = ArticlePageFactory(parent=issue, title="本期要闻")
    article.recording = SimpleUploadedFile("朗读.mp3", MP3)
    approved = fingerprint(content_record(article.save_revision().as_object()))
    article.recording = SimpleUploadedFile("朗读.mp3", MP3 + b"\x00")
    swapped = fingerprint(content_record(article.save_revision().as_object()))
    assert approved != swapped
