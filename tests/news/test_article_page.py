"""Article pages: body blocks, responsive images with alt text, bylines, prev/next."""

import pytest
from django.urls import reverse
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import nested_form_data, streamfield

from news.factories import (
    ArticlePageFactory,
    ColumnFactory,
    CorrespondentFactory,
    IssuePageFactory,
    PublicationPageFactory,
)
from news.models import ArticlePage
from notices.factories import NoticeIndexPageFactory, NoticePageFactory
from tests.news.conftest import article_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def issue(publication):
    return IssuePageFactory(parent=publication, number=3)


def test_article_renders_every_block(client, home_page, issue, cover_image):
    notice = NoticePageFactory(
        parent=NoticeIndexPageFactory(parent=home_page), title="关于加装电梯的公示", slug="lift-notice"
    )
    column = ColumnFactory(publication=issue.get_parent(), name="社区要闻")
    article = ArticlePageFactory(
        parent=issue,
        title="3号楼加装电梯开工了",
        subtitle="十八户居民协商三个月",
        column=column,
        lead="经过三个月协商，3号楼加装电梯终于开工。",
        body=[
            ("heading", "一楼住户怎么想"),
            ("paragraph", RichText("<p>" + "居民们" * 300 + "</p>")),
            ("image", {"image": cover_image, "alt_text": "工人在3号楼前搭脚手架", "caption": "开工当天"}),
            (
                "gallery",
                {
                    "images": [
                        {"image": cover_image, "alt_text": "居民签字"},
                        {"image": cover_image, "alt_text": "议事会现场"},
                    ],
                    "caption": "协商过程",
                },
            ),
            ("quote", {"text": "大家商量着来，事就好办。", "attribution": "楼长老王"}),
            ("notice_link", {"page": notice, "label": ""}),
        ],
        correspondents=[
            CorrespondentFactory(display_name="赵*兰"),
            CorrespondentFactory(display_name="老孙"),
        ],
    )
    article.tags.add("加装电梯", "协商议事")
    article.save()

    html = client.get(article.url).content.decode()
    assert "十八户居民协商三个月" in html
    assert "通讯员：老孙、赵*兰" in html or "通讯员：赵*兰、老孙" in html
    assert "社区要闻" in html and "《社区快报》第3期" in html
    assert "一楼住户怎么想" in html
    assert 'alt="工人在3号楼前搭脚手架"' in html and "开工当天" in html
    assert 'alt="居民签字"' in html and 'alt="议事会现场"' in html
    assert html.count('type="image/webp"') == 3
    assert "srcset=" in html
    assert "大家商量着来，事就好办。" in html and "楼长老王" in html
    assert f'href="{notice.url}"' in html and "关于加装电梯的公示" in html
    # Tags lead to the other newspaper articles about the same thing.
    assert 'href="/search/?q=%E5%8A%A0%E8%A3%85%E7%94%B5%E6%A2%AF&amp;type=news">加装电梯</a>' in html
    assert "协商议事</a>" in html
    # About 930 characters: three minutes at 400 a minute.
    assert article.reading_minutes == 3
    assert "约3分钟读完" in html


def test_prev_next_follow_the_table_of_contents(client, issue):
    first_col = ColumnFactory(publication=issue.get_parent(), sort_order=0)
    second_col = ColumnFactory(publication=issue.get_parent(), sort_order=1)
    b = ArticlePageFactory(parent=issue, title="乙文", column=second_col)
    a = ArticlePageFactory(parent=issue, title="甲文", column=first_col)
    ArticlePageFactory(parent=issue, title="草稿", column=first_col, live=False)
    c = ArticlePageFactory(parent=issue, title="丙文", column=second_col)

    html = client.get(b.url).content.decode()
    assert f'rel="prev" href="{a.url}"' in html
    assert f'rel="next" href="{c.url}"' in html
    html = client.get(a.url).content.decode()
    assert 'rel="prev"' not in html
    assert "草稿" not in html


def test_article_of_an_unpublished_issue_is_404(client, issue):
    article = ArticlePageFactory(parent=issue)
    assert client.get(article.url).status_code == 200
    issue.unpublish()
    assert client.get(article.url).status_code == 404


def test_admin_requires_alt_text_and_offers_only_own_columns(client, admin_user_role, issue, cover_image):
    own = ColumnFactory(publication=issue.get_parent(), name="邻里之间")
    other = ColumnFactory(
        publication=PublicationPageFactory(parent=issue.get_parent().get_parent()), name="别家栏目"
    )
    client.force_login(admin_user_role)
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk))

    form = client.get(url).content.decode()
    assert "邻里之间" in form and "别家栏目" not in form

    data = article_form_data("议事会纪实", "yishihui", column=own)
    data.update(
        nested_form_data(
            {"body": streamfield([("image", {"image": str(cover_image.pk), "alt_text": "", "caption": ""})])}
        )
    )
    # Drafts may be incomplete; publishing (or submitting for review) needs the alt text.
    data["action-publish"] = "action-publish"
    response = client.post(url, data)
    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="yishihui").exists()

    response = client.post(url, article_form_data("议事会纪实", "yishihui", column=other))
    assert response.status_code == 200
    assert not ArticlePage.objects.filter(slug="yishihui").exists()

    response = client.post(
        url, article_form_data("议事会纪实", "yishihui", column=own, **{"action-publish": "1"})
    )
    assert response.status_code == 302
    assert ArticlePage.objects.get(slug="yishihui").column == own
    assert ArticlePage.objects.get(slug="yishihui").live


def test_notice_link_accepts_only_notices(client, admin_user_role, home_page, issue):
    notice = NoticePageFactory(parent=NoticeIndexPageFactory(parent=home_page), title="停水通知")
    client.force_login(admin_user_role)
    url = reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk))

    def post(page, slug):
        data = article_form_data("停水提醒", slug, **{"action-publish": "1"})
        data.update(
            nested_form_data({"body": streamfield([("notice_link", {"page": str(page.pk), "label": ""})])})
        )
        return client.post(url, data)

    assert post(home_page, "wrong-link").status_code == 200
    assert not ArticlePage.objects.filter(slug="wrong-link").exists()
    assert post(notice, "right-link").status_code == 302
    assert ArticlePage.objects.get(slug="right-link").body[0].value["page"].pk == notice.pk


def pictures(count):
    import wagtail_factories

    return [wagtail_factories.ImageFactory(title=f"照片{n}") for n in range(count)]


@pytest.mark.parametrize("size", [1, 8])
def test_article_queries_do_not_grow_with_images_correspondents_and_tags(
    client, issue, size, django_assert_max_num_queries
):
    body = []
    for one, two, three in zip(*[iter(pictures(3 * size))] * 3, strict=True):
        body += [
            ("image", {"image": one, "alt_text": "居民议事", "caption": "议事会"}),
            (
                "gallery",
                {"images": [{"image": two, "alt_text": "签字"}, {"image": three, "alt_text": "合影"}]},
            ),
            ("quote", {"text": "大家商量着来。", "attribution": "楼长老王"}),
        ]
    article = ArticlePageFactory(
        parent=issue,
        body=body,
        column=ColumnFactory(publication=issue.get_parent()),
        correspondents=[CorrespondentFactory(display_name=f"通讯员{n}") for n in range(size)],
    )
    article.tags.add(*[f"标签{n}" for n in range(size)])
    # Warm the site caches and create the renditions (a first rendition may also store the
    # image's size, a write that empties the site's caches once).
    client.get(article.url)
    client.get(article.url)
    with django_assert_max_num_queries(25):
        html = client.get(article.url).content.decode()
    assert html.count('type="image/webp"') == 3 * size


def test_a_republished_article_and_issue_cover_show_at_once(client, issue, settings, cover_image):
    """The article's text and the issue cards are kept as rendered fragments between writes."""
    settings.PAGE_CACHE_ENABLED = False  # the fragments' own cache is what is tested
    article = ArticlePageFactory(parent=issue, lead="第一版导语。")
    assert "第一版导语。" in client.get(article.url).content.decode()
    assert "第一版导语。" in client.get(article.url + "?again").content.decode()
    article.lead = "改过的导语。"
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert "改过的导语。" in html and "第一版导语。" not in html
    publication = issue.get_parent()
    assert "issue-card__cover--none" in client.get(publication.url).content.decode()
    issue.cover = cover_image
    issue.save_revision().publish()
    assert "issue-card__cover--none" not in client.get(publication.url).content.decode()


def test_a_preview_renders_the_article_text_afresh(client, admin_user_role, issue, settings):
    settings.PAGE_CACHE_ENABLED = False
    article = ArticlePageFactory(parent=issue, lead="第一版导语。")
    client.get(article.url)
    client.force_login(admin_user_role)
    data = article_form_data(article.title, article.slug, lead="预览里的导语。")
    response = client.post(reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk]), data)
    assert response.json()["is_valid"], response.content
    html = client.get(reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])).content.decode()
    assert "预览里的导语。" in html
