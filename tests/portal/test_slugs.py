"""Chinese titles give pinyin slugs, never percent-encoded addresses, whichever way a page is saved."""

import datetime

import pytest
from django.urls import reverse

from news.factories import IssuePageFactory
from news.models import ArticlePage
from notices.factories import NoticePageFactory
from portal.slugs import MAX_LENGTH, ascii_slug, date_slug, pinyin_slug
from tests.news.conftest import article_form_data


def test_chinese_becomes_pinyin_words():
    assert pinyin_slug("楼道里的图书角开张了") == "lou-dao-li-de-tu-shu-jiao-kai-zhang-le"
    assert pinyin_slug("第12期 重阳节") == "di-12-qi-chong-yang-jie"
    assert pinyin_slug("Wi-Fi 覆盖") == "wi-fi-fu-gai"


def test_long_titles_are_cut_at_a_word():
    slug = pinyin_slug("关于二〇二六年第一季度物业专项维修资金使用情况和公共区域改造工程招标结果的公示")
    assert len(slug) <= MAX_LENGTH
    assert not slug.endswith("-")
    assert slug.startswith("guan-yu-")


def test_text_without_letters_gets_a_date():
    assert date_slug(datetime.date(2026, 5, 3)) == "20260503"
    assert ascii_slug("！？……") == date_slug()


pytestmark_db = pytest.mark.django_db


@pytestmark_db
def test_a_page_saved_in_code_with_a_chinese_slug_gets_pinyin(notice_index):
    page = NoticePageFactory(parent=notice_index, title="重阳节活动通知", slug="重阳节活动通知")
    page.refresh_from_db()
    assert page.slug == "chong-yang-jie-huo-dong-tong-zhi"
    assert page.url_path.endswith("/chong-yang-jie-huo-dong-tong-zhi/")
    twin = NoticePageFactory(parent=notice_index, title="重阳节活动通知", slug="重阳节活动通知")
    assert twin.slug == "chong-yang-jie-huo-dong-tong-zhi-2"


@pytestmark_db
@pytest.mark.parametrize(("slug", "expected"), [("", "lou-dao-tu-shu-jiao"), ("图书角", "tu-shu-jiao")])
def test_the_editor_saves_pinyin_for_an_empty_or_chinese_slug(
    client, admin_user_role, publication, slug, expected
):
    issue = IssuePageFactory(parent=publication, number=1)
    client.force_login(admin_user_role)
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk))
    response = client.post(url, article_form_data("楼道图书角", slug))
    assert response.status_code == 302, response.context["form"].errors
    assert ArticlePage.objects.get().slug == expected
    # A second article with the same title gets its own address.
    response = client.post(url, article_form_data("楼道图书角", slug))
    assert response.status_code == 302
    assert set(ArticlePage.objects.values_list("slug", flat=True)) == {expected, f"{expected}-2"}


@pytestmark_db
def test_a_typed_ascii_slug_is_kept(client, admin_user_role, publication):
    issue = IssuePageFactory(parent=publication, number=1)
    client.force_login(admin_user_role)
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk))
    assert client.post(url, article_form_data("楼道图书角", "library-corner")).status_code == 302
    assert ArticlePage.objects.get().slug == "library-corner"
