"""A shown result's row (its address, its title as the page shows it, the text its snippet is
cut from) is kept between searches (portal/search/rows.py): a repeated search builds no page
object, shows exactly what a fresh one shows, and any write shows on the very next search."""

import datetime
import re

import pytest
from django.db.models.signals import post_init
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction
from wagtail.rich_text import RichText

from news.factories import ArticlePageFactory, IssuePageFactory
from notices.factories import NoticePageFactory, make_disclosure
from portal.search.query import highlight_terms, snippet
from portal.search.rows import page_text, result_title
from tests.notices.admin_forms import notice_form
from volunteers.factories import (
    RoleModelIndexPageFactory,
    RoleModelPageFactory,
    VolunteerBoardPageFactory,
    VolunteerFactory,
    VolunteerTeamFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_page_cache")]

WORD = "加装电梯"
CONSENT = {"publish_consent": True, "consent_date": datetime.date(2024, 5, 1)}


def results_html(html):
    """The part of the search page that lists what was found."""
    return html.split("</form>", 1)[1]


def search(client, query=WORD):
    return client.get("/search/", {"q": query})


def pages_built(client, query=WORD):
    """(response, how many specific page objects of result types its search built)."""
    built = []

    def count(sender, **kwargs):
        if sender is not Page and issubclass(sender, Page) and sender.__module__.split(".")[0] != "home":
            built.append(sender)

    post_init.connect(count)
    try:
        response = search(client, query)
    finally:
        post_init.disconnect(count)
    return response, len(built)


@pytest.fixture
def every_type(site, home_page, notice_index, finance_index, publication, add_page):
    """A live page of every result type mentioning WORD, and a volunteer team."""
    notice = NoticePageFactory(
        parent=notice_index, title="三号楼加装电梯公示", summary="加装电梯方案公示七天，欢迎提出意见。"
    )
    disclosure = make_disclosure(
        finance_index,
        rows=[(3, "income", "加装电梯政府补贴", "区住建局", "80000.00", "记-101")],
        publish=True,
        title="2026年第一季度加装电梯专项资金",
        slug="dianti-2026q1",
    )
    issue = IssuePageFactory(parent=publication, editor_note="本期聚焦加装电梯。")
    article = ArticlePageFactory(
        parent=issue,
        title="五号楼加装电梯开工",
        lead="居民议事会三次协商后，加装电梯终于开工。",
        body=[("paragraph", RichText("<p>施工期间请绕行<b>东门</b>。</p>"))],
    )
    board = VolunteerBoardPageFactory(parent=home_page)
    role_index = RoleModelIndexPageFactory(parent=board)
    named = RoleModelPageFactory(
        parent=role_index, real_name="胡红霞", summary="她挨家挨户协调加装电梯。", **CONSENT
    )
    masked = RoleModelPageFactory(parent=role_index, real_name="郭振华", summary="他为加装电梯垫付了设计费。")
    VolunteerTeamFactory(site=site, name="加装电梯协调队", description="帮助各楼协调加装电梯。")
    plain = add_page("加装电梯常见问题")
    return [notice, disclosure, issue, article, named, masked, plain]


def test_a_repeated_search_builds_no_page_and_shows_what_a_fresh_one_shows(client, every_type):
    search(client, "路灯")  # the site's settings and the like, made on a first visit
    fresh, built_fresh = pages_built(client)
    again, built_again = pages_built(client)
    assert built_fresh >= len(every_type)
    assert built_again == 0
    assert results_html(again.content.decode()) == results_html(fresh.content.decode())
    html = results_html(again.content.decode())
    assert "加装电梯协调队" in html.replace("<mark>", "").replace("</mark>", "")
    # Each row is what the page itself gives: its URL, its public title, its own text.
    terms = highlight_terms(WORD)
    shown = {item["pk"]: item for item in again.context["results"]}
    assert set(shown) == {page.pk for page in every_type}
    for page in every_type:
        page = Page.objects.get(pk=page.pk).specific
        item = shown[page.pk]
        assert item["url"] == page.url
        assert f'href="{page.url}"' in html
        assert item["title"] == snippet(result_title(page), terms, width=200)
        assert item["snippet"] == snippet(page_text(page), terms)
        assert item["snippet"] in html
    assert all(shown[page.pk]["snippet"] for page in every_type[:-1])  # the plain page has no text
    labels = {shown[page.pk]["type_label"] for page in every_type}
    assert labels == {"公告", "财务公开", "社区报", "榜样", "页面"}


def test_names_are_masked_in_kept_rows_as_in_fresh_ones(client, every_type):
    for response in (search(client), search(client)):
        html = results_html(response.content.decode()).replace("<mark>", "").replace("</mark>", "")
        assert "胡红霞" in html and "郭*华" in html
        assert "郭振华" not in html


def test_consent_withdrawn_on_the_volunteer_record_masks_the_name_at_the_next_search(client, home_page):
    role_index = RoleModelIndexPageFactory(parent=VolunteerBoardPageFactory(parent=home_page))
    volunteer = VolunteerFactory(real_name="慕容秋月", **CONSENT)
    RoleModelPageFactory(
        parent=role_index,
        real_name="慕容秋月",
        volunteer=volunteer,
        summary="协调加装电梯二十户。",
        **CONSENT,
    )
    assert "慕容秋月" in results_html(search(client).content.decode())
    assert "慕容秋月" in results_html(search(client).content.decode())
    volunteer.publish_consent = False
    volunteer.save()
    html = results_html(search(client).content.decode())
    assert "慕容秋月" not in html and "慕容*月" in html


def test_a_published_edit_shows_at_the_next_search(client, notice_index):
    notice = NoticePageFactory(parent=notice_index, title="三号楼加装电梯公示", summary="方案公示七天。")
    search(client)
    old_url = notice.url
    assert old_url in results_html(search(client).content.decode())

    notice.title = "三号楼加装电梯方案（修订）"
    notice.summary = "修订后的方案再公示五天。"
    notice.slug = "dianti-revised"
    notice.save_revision().publish()
    response, built = pages_built(client)
    html = results_html(response.content.decode()).replace("<mark>", "").replace("</mark>", "")
    assert "三号楼加装电梯方案（修订）" in html and "修订后的方案再公示五天" in html
    assert "三号楼加装电梯公示<" not in html and "方案公示七天" not in html
    notice.refresh_from_db()
    assert notice.url != old_url and f'href="{notice.url}"' in html and f'href="{old_url}"' not in html
    assert built == 1
    assert pages_built(client)[1] == 0


def test_an_edit_published_in_the_admin_shows_at_the_next_search(client, admin_user_role, notice_index):
    notice = NoticePageFactory(parent=notice_index, title="三号楼加装电梯公示", slug="dianti")
    search(client)
    search(client)
    client.force_login(admin_user_role)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(notice.pk,)),
        {
            **notice_form(title="三号楼加装电梯公示（延期）", summary="公示期延长三天。"),
            "action-publish": "1",
        },
    )
    assert response.status_code == 302
    client.logout()
    html = results_html(search(client).content.decode()).replace("<mark>", "").replace("</mark>", "")
    assert "三号楼加装电梯公示（延期）" in html and "公示期延长三天" in html


def test_a_page_made_private_or_unpublished_never_shows(client, admin_user_role, add_page):
    private = add_page("加装电梯业主名单")
    draft = add_page("加装电梯费用分摊")
    search(client)
    html = results_html(search(client).content.decode())
    assert private.url in html and draft.url in html

    client.force_login(admin_user_role)
    client.post(reverse("wagtailadmin_pages:set_privacy", args=(private.pk,)), {"restriction_type": "login"})
    client.post(reverse("wagtailadmin_pages:unpublish", args=(draft.pk,)))
    client.logout()
    assert PageViewRestriction.objects.filter(page=private).exists()
    assert not Page.objects.get(pk=draft.pk).live
    html = results_html(search(client).content.decode())
    assert f'href="{private.url}"' not in html and "业主名单" not in html
    assert f'href="{draft.url}"' not in html and "费用分摊" not in html


def test_a_repeated_search_of_many_results_stays_within_its_queries(
    client, notice_index, django_assert_max_num_queries
):
    notices = [
        NoticePageFactory(
            parent=notice_index,
            title=f"{n}号楼加装电梯公示",
            slug=f"dianti-{n}",
            date=datetime.date(2026, 3, n + 1),
        )
        for n in range(1, 25)
    ]
    # A repost of one of them: shown as a copy, its own URL kept too.
    NoticePageFactory(
        parent=notice_index, title="24号楼 加装电梯公示", slug="dianti-copy", date=datetime.date(2026, 1, 1)
    )
    search(client, "路灯")  # the site's settings and the like, made on a first visit
    search(client)
    with django_assert_max_num_queries(12):
        response, built = pages_built(client)
    assert built == 0
    html = results_html(response.content.decode())
    assert html.count('class="search-results__title"') == 10
    assert "同一内容另有 1 次发布" in html
    assert all(f'href="{notice.url}"' in html for notice in notices[-9:])
    assert len(re.findall(r'href="/notices/[^"]+"', html)) == 11


def test_rows_a_process_showed_before_cost_no_cache_read_and_others_one(client, notice_index, monkeypatch):
    from portal.search import rows

    for n in range(1, 6):
        NoticePageFactory(parent=notice_index, title=f"{n}号楼加装电梯公示", slug=f"dianti-{n}")
    search(client, "路灯")  # the site's settings and the like, made on a first visit
    search(client)
    reads = []
    shared = rows.cache

    class CountingCache:
        def __getattr__(self, name):
            return getattr(shared, name)

        def get_many(self, names):
            reads.append(list(names))
            return shared.get_many(names)

    monkeypatch.setattr(rows, "cache", CountingCache())
    response, built = pages_built(client)
    assert built == 0 and reads == []
    assert results_html(response.content.decode()).count('class="search-results__title"') == 5
    # Another server process (nothing remembered yet): one read for all five, no page built.
    monkeypatch.setattr(rows, "_remembered", {})
    again, built = pages_built(client)
    assert built == 0 and len(reads) == 1 and len(reads[0]) == 5
    assert results_html(again.content.decode()) == results_html(response.content.decode())
