"""The issue page: table of contents by column, hidden drafts and empty issues, PDF, prev/next."""

import datetime

import pytest
import wagtail_factories
from django.core.files.base import ContentFile
from django.urls import reverse

from news.factories import ArticlePageFactory, ColumnFactory, CorrespondentFactory, IssuePageFactory
from tests.news.conftest import issue_form_data

pytestmark = pytest.mark.django_db


def test_toc_groups_live_articles_by_column_in_editor_order(client, publication):
    news = ColumnFactory(publication=publication, name="社区要闻", sort_order=2)
    people = ColumnFactory(publication=publication, name="身边好人", sort_order=1)
    issue = IssuePageFactory(parent=publication, number=5)
    ArticlePageFactory(parent=issue, title="加装电梯议事会召开", column=news)
    ArticlePageFactory(parent=issue, title="张*芬：二十年的楼长", column=people)
    ArticlePageFactory(parent=issue, title="垃圾分类新规解读", column=news)
    ArticlePageFactory(parent=issue, title="读者来信", column=None)
    ArticlePageFactory(parent=issue, title="还没审完的稿子", column=news, live=False)

    toc = issue.table_of_contents()
    assert [(c.name if c else None, [a.title for a in arts]) for c, arts in toc] == [
        ("身边好人", ["张*芬：二十年的楼长"]),
        ("社区要闻", ["加装电梯议事会召开", "垃圾分类新规解读"]),
        (None, ["读者来信"]),
    ]

    html = client.get(issue.url).content.decode()
    positions = [
        html.index(t) for t in ("身边好人", "张*芬", "社区要闻", "加装电梯", "垃圾分类", "其他", "读者来信")
    ]
    assert positions == sorted(positions)
    assert "还没审完的稿子" not in html

    # Editors reorder columns: the TOC follows.
    news.sort_order = 0
    news.save()
    assert [c.name for c, _ in issue.table_of_contents()[:2]] == ["社区要闻", "身边好人"]


def test_issue_without_live_articles_is_hidden(client, publication):
    empty = IssuePageFactory(parent=publication, number=1)
    ArticlePageFactory(parent=empty, title="草稿", live=False)
    assert client.get(empty.url).status_code == 404
    listed = IssuePageFactory(parent=publication, number=2)
    ArticlePageFactory(parent=listed)
    assert list(publication.listed_issues()) == [listed]
    html = client.get(publication.url).content.decode()
    assert listed.url in html
    assert empty.url not in html


def test_issue_page_shows_details_pdf_and_neighbours(client, publication, cover_image):
    pdf = wagtail_factories.DocumentFactory(title="印刷版")
    pdf.file.save("kuaibao-8.pdf", ContentFile(b"%PDF-1.4\n" + b"0" * 2048), save=True)
    pdf.file_size = None
    pdf.save()
    first = IssuePageFactory(parent=publication, number=7, date=datetime.date(2026, 4, 1))
    issue = IssuePageFactory(
        parent=publication,
        number=8,
        total_number=808,
        date=datetime.date(2026, 4, 8),
        cover=cover_image,
        cover_alt="封面：居民在广场上包粽子",
        editor_note="<p>本期聚焦端午邻里节。</p>",
        print_edition=pdf,
    )
    hidden = IssuePageFactory(parent=publication, number=9, date=datetime.date(2026, 4, 15))
    last = IssuePageFactory(parent=publication, number=10, date=datetime.date(2026, 4, 22))
    for i in (first, issue, last):
        ArticlePageFactory(parent=i, correspondents=[CorrespondentFactory(display_name="老周")])
    ArticlePageFactory(parent=hidden, live=False)

    html = client.get(issue.url).content.decode()
    assert "第8期" in html and "总第808期" in html and "2026年4月8日" in html
    assert "本期聚焦端午邻里节。" in html
    assert 'alt="封面：居民在广场上包粽子"' in html
    assert 'type="image/webp"' in html
    # The cover is the picture WeChat shows when the issue is shared.
    assert '<meta property="og:image" content="http://testserver/media/images/' in html
    assert pdf.url in html and "2.0 KB" in html.replace("\xa0", " ")
    assert "通讯员：老周 · 约1分钟" in html
    assert f'rel="prev" href="{first.url}"' in html
    # Issue 9 has no live article, so "next" skips it.
    assert f'rel="next" href="{last.url}"' in html
    assert hidden.url not in html

    # The PDF opens in the browser rather than downloading.
    response = client.get(pdf.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")


def test_preview_shows_unpublished_articles_to_editors(client, admin_user_role, publication):
    issue = IssuePageFactory(parent=publication, number=30, live=False)
    ArticlePageFactory(parent=issue, title="待审稿件", live=False)
    client.force_login(admin_user_role)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=(issue.pk,))
    assert client.post(url, issue_form_data(30)).json()["is_valid"]
    html = client.get(url).content.decode()
    assert "待审稿件" in html and "未发布" in html
    # Readers still get nothing.
    client.logout()
    assert client.get(issue.url).status_code == 404


@pytest.mark.parametrize("size", [2, 20])
def test_issue_page_queries_do_not_grow_with_its_articles(
    client, publication, size, django_assert_max_num_queries
):
    columns = [ColumnFactory(publication=publication, name=f"栏目{n}", sort_order=n) for n in range(3)]
    issue = IssuePageFactory(parent=publication, number=1)
    for n in range(size):
        ArticlePageFactory(
            parent=issue,
            title=f"文章{n}",
            column=columns[n % 3],
            correspondents=[CorrespondentFactory(display_name=f"通讯员{n}")],
        )
    client.get(issue.url)  # warm the site caches
    with django_assert_max_num_queries(23):
        html = client.get(issue.url).content.decode()
    assert all(f"文章{n}" in html for n in range(size))
