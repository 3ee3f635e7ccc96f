"""Results residents trust: reposts collapsed, a series newest first, 您是不是要找 for a typo,
and names shown as the page shows them."""

import datetime

import pytest
from django.utils import timezone

from portal.search.refine import corrections, regroup

pytestmark = pytest.mark.django_db


def entry(title, day):
    return {"title": title, "date": datetime.date(2026, 1, day)}


def titles_and_dates(entries):
    return [(e["title"], e["date"].day, len(e["copies"])) for e in entries]


def test_reposts_fold_into_the_newest_copy_at_the_best_place():
    ranked = [
        entry("关于公益基金募捐的倡议", 3),
        entry("社区公益基金使用情况", 1),
        entry("关于公益基金募捐的倡议！", 9),
        entry("关于 公益基金募捐的倡议", 5),
    ]
    assert titles_and_dates(regroup(ranked, "公益基金")) == [
        ("关于公益基金募捐的倡议！", 9, 2),
        ("社区公益基金使用情况", 1, 0),
    ]


def test_a_series_is_newest_first_unless_the_query_names_a_number():
    ranked = [
        entry("2025年第二季度物业费使用明细", 2),
        entry("关于物业费调整的说明", 1),
        entry("2026年第一季度物业费使用明细", 20),
        entry("2025年第四季度物业费使用明细", 10),
    ]
    assert [e["title"] for e in regroup(ranked, "物业费")] == [
        "2026年第一季度物业费使用明细",
        "2025年第四季度物业费使用明细",
        "2025年第二季度物业费使用明细",
        "关于物业费调整的说明",
    ]
    # 2025年 is what the resident asked for: the backend's order stands.
    assert [e["title"] for e in regroup(ranked, "2025年 物业费")] == [e["title"] for e in ranked]


def test_a_one_character_typo_is_corrected_to_a_known_word():
    words = ["公益基金", "基金", "公益", "物业费"]
    assert corrections("公益基经", words)[0] == "公益基金"
    assert corrections("物业废", words) == ["物业费"]
    assert corrections("公益基金", words) == []


def aware(day):
    return timezone.make_aware(datetime.datetime(2026, 1, day, 9))


def test_search_page_collapses_reposts_and_suggests_the_intended_word(client, add_page):
    for day in (2, 4, 6, 8, 10, 12):
        add_page("关于设立社区公益基金的倡议", first_published_at=aware(day))
    story = add_page("社区公益基金资助困难学生", first_published_at=aware(1))

    html = client.get("/search/", {"q": "公益基金"}).content.decode()
    assert html.count('class="search-results__title"') == 2
    assert "同一内容另有 5 次发布" in html
    assert html.index("2026年1月12日") < html.index("2026年1月2日")  # the newest copy is the one shown
    assert story.url in html

    html = client.get("/search/", {"q": "公益基经"}).content.decode()
    assert "您是不是要找" in html
    assert 'href="?q=%E5%85%AC%E7%9B%8A%E5%9F%BA%E9%87%91"' in html  # 公益基金


def test_a_correct_query_gets_no_suggestion(client, add_page):
    add_page("社区公益基金资助困难学生")
    assert "您是不是要找" not in client.get("/search/", {"q": "公益基金"}).content.decode()


def test_a_role_model_is_named_in_results_as_in_the_gallery(client, home_page):
    from volunteers.factories import RoleModelIndexPageFactory, RoleModelPageFactory

    index = RoleModelIndexPageFactory(parent=home_page)
    RoleModelPageFactory(
        parent=index,
        real_name="胡红霞",
        publish_consent=True,
        consent_date=datetime.date(2024, 1, 1),
        summary="二十年义务理发。",
    )
    RoleModelPageFactory(parent=index, real_name="郭振华", summary="二十年义务理发，不留名。")
    gallery = client.get(index.url).content.decode()
    results = (
        client.get("/search/", {"q": "义务理发"})
        .content.decode()
        .replace("<mark>", "")
        .replace("</mark>", "")
    )
    for name in ("胡红霞", "郭*华"):
        assert name in gallery and name in results
    assert "胡*霞" not in results and "郭振华" not in results


def test_a_page_with_its_own_date_is_dated_and_grouped_by_it(client, notice_index):
    from notices.factories import NoticePageFactory

    # Published in the opposite order of their own dates: the notice's date is what counts.
    for day in (20, 5, 12):
        NoticePageFactory(
            parent=notice_index, title="关于楼道堆物清理的通知", date=datetime.date(2026, 2, day)
        )
    html = client.get("/search/", {"q": "堆物清理"}).content.decode()
    assert html.count('class="search-results__title"') == 1
    assert "同一内容另有 2 次发布" in html
    assert html.index("2026年2月20日") < html.index("2026年2月12日") < html.index("2026年2月5日")


def test_only_the_shown_results_are_built_as_pages(client, notice_index):
    from django.db.models.signals import post_init
    from wagtail.models import Page

    from notices.factories import NoticePageFactory
    from notices.models import NoticePage

    for n in range(30):
        NoticePageFactory(parent=notice_index, title=f"第{n}号楼电梯年检通知")
    built = []

    def count(sender, **kwargs):
        built.append(sender)

    post_init.connect(count, sender=NoticePage)
    post_init.connect(count, sender=Page)
    try:
        html = client.get("/search/", {"q": "电梯年检"}).content.decode()
    finally:
        post_init.disconnect(count, sender=NoticePage)
        post_init.disconnect(count, sender=Page)
    assert "找到 30 条结果" in html
    assert html.count('class="search-results__title"') == 10
    assert built.count(NoticePage) == 10
    assert built.count(Page) < 10  # the site's own pages (home, sections), none per result
