"""Role models: gallery filters, responsive portraits, masked names and consent revocation."""

import datetime
import re

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from portal.models import CommunitySettings
from volunteers.factories import RoleModelHonourFactory, RoleModelPageFactory, VolunteerFactory
from volunteers.models import RoleModelIndexPage, RoleModelPage, VolunteerBoardPage

pytestmark = pytest.mark.django_db


def test_page_tree(board, role_index):
    assert role_index.url == "/volunteers/role-models/"
    assert RoleModelPage.can_exist_under(role_index)
    assert not RoleModelPage.can_exist_under(board)
    assert not RoleModelIndexPage.can_create_at(board)  # one gallery per board
    assert RoleModelIndexPage.allowed_parent_page_models() == [VolunteerBoardPage]
    assert RoleModelPage.allowed_subpage_models() == []


def make(role_index, name, *honours, **kwargs):
    page = RoleModelPageFactory(parent=role_index, real_name=name, **kwargs)
    for honour, year in honours:
        RoleModelHonourFactory(page=page, honour=honour, year=year)
    return page


def test_gallery_filters_by_honour_and_year(client, role_index):
    a = make(role_index, "王秀英", ("中国好人", 2023), ("道德模范", 2021))
    b = make(role_index, "李建国", ("公益之星", 2023))
    c = make(role_index, "赵玉兰", ("中国好人", 2021))
    url = role_index.url
    html = client.get(url).content.decode()
    assert all(p.url in html for p in (a, b, c))
    html = client.get(url, {"honour": "中国好人"}).content.decode()
    assert a.url in html and c.url in html and b.url not in html
    html = client.get(url, {"year": "2023"}).content.decode()
    assert a.url in html and b.url in html and c.url not in html
    # Honour and year of the same honour: 王秀英 was 道德模范 in 2021, not 中国好人.
    html = client.get(url, {"honour": "中国好人", "year": "2021"}).content.decode()
    assert c.url in html and a.url not in html
    html = client.get(url, {"honour": "道德模范", "year": "2021"}).content.decode()
    assert a.url in html and c.url not in html
    for bad in ({"honour": "<script>"}, {"year": "20x3"}, {"page": "-1"}, {"year": "99999"}):
        assert client.get(url, bad).status_code == 200
    assert 'value="2021"' in html and ">道德模范<" in html


def test_name_masked_without_consent_and_title_never_real(client, role_index):
    page = make(role_index, "司马光明", ("时代先锋", 2024))
    assert page.title == "司马*明"
    html = client.get(page.url).content.decode()
    assert "司马*明" in html and "司马光明" not in html
    assert "<img" not in html.split("<main")[1]  # no portrait without consent


def test_portrait_renditions_with_webp_and_alt(client, role_index):
    page = make(
        role_index,
        "张桂芬",
        ("公益之星", 2024),
        publish_consent=True,
        consent_date=datetime.date(2024, 1, 1),
        portrait_alt="张桂芬在社区食堂为老人盛饭",
    )
    html = client.get(page.url).content.decode()
    assert "张桂芬" in html
    assert "<picture><source" in html and 'type="image/webp"' in html
    assert re.search(r'srcset="[^"]+ 360w, [^"]+ 720w"', html)
    assert 'alt="张桂芬在社区食堂为老人盛饭"' in html
    gallery = client.get(role_index.url).content.decode()
    assert 'type="image/webp"' in gallery and 'loading="lazy"' in gallery


def test_revoking_consent_on_the_volunteer_takes_name_and_portrait_off_at_once(client, role_index):
    volunteer = VolunteerFactory(
        real_name="慕容雪", publish_consent=True, consent_date=datetime.date(2024, 1, 1)
    )
    page = make(
        role_index,
        "慕容雪",
        ("优秀志愿者", 2024),
        publish_consent=True,
        consent_date=datetime.date(2024, 1, 1),
        volunteer=volunteer,
    )
    assert "慕容雪" in client.get(page.url).content.decode()
    volunteer.publish_consent = False
    volunteer.save()
    for url in (page.url, role_index.url, "/"):
        html = client.get(url).content.decode()
        assert "慕容雪" not in html, url
    html = client.get(page.url).content.decode()
    assert "慕容*" in html and 'type="image/webp"' not in html


def test_revoking_consent_on_the_page(client, role_index):
    page = make(
        role_index,
        "东方红霞",
        ("文明家庭", 2022),
        publish_consent=True,
        consent_date=datetime.date(2022, 1, 1),
    )
    assert "东方红霞" in client.get(page.url).content.decode()
    page.publish_consent = False
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "东方红霞" not in html and "东方*霞" in html


def test_staff_create_role_model_in_admin(client, staff_user, password, role_index):
    client.login(username=staff_user.username, password=password)
    image = wagtail_factories.ImageFactory()
    url = reverse("wagtailadmin_pages:add", args=["volunteers", "rolemodelpage", role_index.pk])
    data = nested_form_data(
        {
            "real_name": "皇甫秀兰",
            "consent_date": "",
            "volunteer": "",
            "portrait": image.pk,
            "portrait_alt": "",
            "summary": "办起楼道读书角，十年未断。",
            "honours": inline_formset(
                [{"honour": "烟台好人", "year": "2023", "awarding_body": "烟台市文明办"}]
            ),
            "story": streamfield([("paragraph", rich_text("<p>每天清晨，她都会把报纸分送到各楼道。</p>"))]),
            "slug": "huangfu",
            "action-publish": "publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    assert not RoleModelPage.objects.exists()  # alt text is required
    data["portrait_alt"] = "皇甫秀兰在读书角整理报纸"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = RoleModelPage.objects.get()
    assert page.live and page.title == "皇甫*兰"
    assert [str(h) for h in page.honours.all()] == ["2023 烟台好人"]
    html = client.get(page.url).content.decode()
    assert "每天清晨" in html and "皇甫秀兰" not in html


@pytest.mark.parametrize("count", [3, 30])
def test_gallery_query_count_bounded(client, site, role_index, count, django_assert_max_num_queries):
    for i in range(count):
        make(
            role_index,
            f"王{i}兰",
            ("中国好人", 2020 + i % 5),
            publish_consent=True,
            consent_date=datetime.date(2024, 1, 1),
        )
    CommunitySettings.for_site(site)  # created on a first view otherwise: a write, which drops memos
    client.get(role_index.url)  # renditions are created on the first view
    with django_assert_max_num_queries(12):
        assert client.get(role_index.url).status_code == 200


def test_revoking_consent_in_a_draft_takes_effect_at_once(client, staff_user, password, role_index):
    page = make(
        role_index,
        "上官秋菊",
        ("公益之星", 2024),
        publish_consent=True,
        consent_date=datetime.date(2024, 1, 1),
    )
    honour = page.honours.get()
    assert "上官秋菊" in client.get(page.url).content.decode()
    client.login(username=staff_user.username, password=password)
    data = nested_form_data(
        {
            "real_name": "上官秋菊",
            "consent_date": "2024-01-01",
            "volunteer": "",
            "portrait": page.portrait_id,
            "portrait_alt": page.portrait_alt,
            "summary": page.summary,
            "honours": inline_formset(
                [{"id": honour.pk, "honour": "公益之星", "year": "2024", "awarding_body": "街道办"}],
                initial=1,
            ),
            "story": streamfield([]),
            "slug": page.slug,
        }
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)  # save draft only
    assert response.status_code == 302
    client.logout()
    html = client.get(page.url).content.decode()
    assert "上官秋菊" not in html and "上官*菊" in html
    assert "<picture>" not in html


@pytest.mark.parametrize("size", [1, 8])
def test_role_model_page_queries_do_not_grow_with_honours_story_and_neighbours(
    client, role_index, size, django_assert_max_num_queries
):
    story = []
    for n in range(size):
        story += [
            ("heading", f"第{n + 1}件事"),
            ("quote", {"text": "邻居的事就是我的事。", "attribution": "王秀英"}),
        ]
    page = make(
        role_index,
        "王秀英",
        *[("中国好人", 2000 + n) for n in range(size)],
        story=story,
        publish_consent=True,
        consent_date=datetime.date(2024, 1, 1),
    )
    for n in range(size):
        make(role_index, f"李{n}兰", ("公益之星", 2024))  # names the page must mask, looked up at once
    client.get(page.url)  # warm the site caches and create the renditions
    with django_assert_max_num_queries(19):
        html = client.get(page.url).content.decode()
    assert html.count("—— 王秀英") == size
