"""Withdrawing consent takes effect at once on every surface: the volunteer's profile, role-model
pages and the stories that name the person, the gallery and home page, site search, and the
photo's old URLs (original and renditions)."""

import datetime
import re
from decimal import Decimal

import pytest
import wagtail_factories
from django.urls import reverse
from wagtail.rich_text import RichText
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from volunteers.factories import (
    RoleModelHonourFactory,
    RoleModelPageFactory,
    ServiceRecordFactory,
    VolunteerFactory,
)
from volunteers.models import RoleModelPage
from volunteers.privacy import mask_names_in

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.volunteers.media_urls")]

NAME, MASKED = "慕容秋月", "慕容*月"
HIDDEN = "秋月"  # the part masking hides
CONSENT = {"publish_consent": True, "consent_date": datetime.date(2024, 5, 1)}
MEDIA_URL = re.compile(r'/media/[^"\s,]+')


def story(*paragraphs, quote_source=""):
    blocks = [("heading", "二十年如一日")]
    blocks += [("paragraph", RichText(f"<p>{text}</p>")) for text in paragraphs]
    if quote_source:
        blocks.append(("quote", {"text": "邻居的事就是我的事。", "attribution": quote_source}))
    return blocks


@pytest.fixture
def person(site, board, role_index):
    photo = wagtail_factories.ImageFactory(title="志愿者照片", file__width=480, file__height=640)
    volunteer = VolunteerFactory(real_name=NAME, photo=photo, **CONSENT)
    ServiceRecordFactory(volunteer=volunteer, hours=Decimal("8"))
    page = RoleModelPageFactory(
        parent=role_index,
        real_name=NAME,
        volunteer=volunteer,
        summary=f"{NAME}二十年义务为老人理发。",
        portrait_alt=f"{NAME}在楼道里为老人理发",
        search_description=f"{NAME}的事迹",
        story=story(f"每天清晨，{NAME}都推着理发车来到楼下。", quote_source=NAME),
        **CONSENT,
    )
    RoleModelHonourFactory(page=page, honour="中国好人", year=2023)
    page.save_revision().publish()
    # Another role model whose story names her.
    friend = RoleModelPageFactory(
        parent=role_index,
        real_name="王桂兰",
        summary="和邻居一起办起了爱心食堂。",
        story=story(f"王桂兰和{NAME}一起办起了爱心食堂。"),
        **CONSENT,
    )
    RoleModelHonourFactory(page=friend, honour="公益之星", year=2024)
    friend.save_revision().publish()
    return {"volunteer": volunteer, "page": RoleModelPage.objects.get(pk=page.pk), "friend": friend}


def profile_url(board, volunteer):
    return board.url + board.reverse_subpage("profile", args=[volunteer.public_id])


def public_urls(board, role_index, person):
    return [
        "/",
        board.url,
        profile_url(board, person["volunteer"]),
        role_index.url,
        person["page"].url,
        person["friend"].url,
    ]


def image_urls(client, images, pages):
    """Every URL the public could have seen for these images: originals and the renditions
    that the given pages showed."""
    for url in pages:
        client.get(url)  # renditions are made on the first view
    renditions = {rendition.url for image in images for rendition in image.renditions.all()}
    shown = {u for url in pages for u in MEDIA_URL.findall(client.get(url).content.decode())}
    assert shown & renditions
    return renditions | {image.file.url for image in images}


def search_finds(client, page, query=HIDDEN):
    return page.url in client.get("/search/", {"q": query}).content.decode()


def assert_everything_before(client, board, role_index, person):
    for url in public_urls(board, role_index, person):
        assert client.get(url).status_code == 200, url
    assert NAME in client.get(profile_url(board, person["volunteer"])).content.decode()
    html = client.get(person["page"].url).content.decode()
    assert html.count(NAME) >= 5  # heading, summary, alt text, story, quote source, description
    assert NAME in client.get(person["friend"].url).content.decode()
    assert search_finds(client, person["page"]) and search_finds(client, person["friend"])
    urls = image_urls(
        client,
        [person["volunteer"].photo, person["page"].portrait],
        [person["page"].url, profile_url(board, person["volunteer"]), "/"],
    )
    assert len([u for u in urls if "/images/" in u]) >= 4  # renditions of both pictures
    for url in urls:
        assert client.get(url).status_code == 200, url
    return urls


def assert_everything_after(client, board, role_index, person, old_image_urls):
    for url in public_urls(board, role_index, person):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert NAME not in html and HIDDEN not in html, url
    html = client.get(person["page"].url).content.decode()
    assert MASKED in html and "<picture>" not in html.split("<main")[1]
    assert f"每天清晨，{MASKED}都推着理发车" in html  # the story itself, masked
    assert f"王桂兰和{MASKED}一起" in client.get(person["friend"].url).content.decode()
    # Search: the index no longer holds her name, on her page or on the page that names her.
    assert not search_finds(client, person["page"])
    assert not search_finds(client, person["friend"])
    assert search_finds(client, person["page"], "理发")  # still found by her story
    assert not RoleModelPage.objects.live().search(HIDDEN)
    html = client.get("/search/", {"q": "爱心食堂"}).content.decode()
    assert person["friend"].url in html and NAME not in html.split("</form>", 1)[-1]
    for url in old_image_urls:
        assert client.get(url).status_code == 404, url


def test_volunteer_withdrawing_in_the_admin_clears_every_surface(
    client, staff_user, password, board, role_index, person, django_capture_on_commit_callbacks
):
    old_urls = assert_everything_before(client, board, role_index, person)
    volunteer = person["volunteer"]
    client.login(username=staff_user.username, password=password)
    data = {
        "site": volunteer.site_id,
        "number": volunteer.number,
        "real_name": NAME,
        "phone": volunteer.phone,
        "id_number": volunteer.id_number,
        "address": volunteer.address,
        "joined_on": "2023-03-05",
        "consent_date": "2024-05-01",
        "photo": volunteer.photo_id,
        # publish_consent unticked: withdrawn
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("volunteers_volunteer:edit", args=[volunteer.pk]), data)
    assert response.status_code == 302
    client.logout()
    volunteer.refresh_from_db()
    assert not volunteer.publish_consent and volunteer.consent_revoked_on
    # The pictures stay in the library for staff, under new unguessable names.
    volunteer.photo.refresh_from_db()
    assert volunteer.photo.file.storage.exists(volunteer.photo.file.name)
    assert not volunteer.photo.renditions.exists()
    assert_everything_after(client, board, role_index, person, old_urls)


def test_role_model_withdrawing_in_a_draft_clears_every_surface(
    client, staff_user, password, board, role_index, person, django_capture_on_commit_callbacks
):
    # Her volunteer record keeps consent: only the role-model page's consent is withdrawn.
    assert_everything_before(client, board, role_index, person)
    old_urls = image_urls(client, [person["page"].portrait], [person["page"].url])
    page = person["page"]
    honour = page.honours.get()
    client.login(username=staff_user.username, password=password)
    data = nested_form_data(
        {
            "real_name": NAME,
            "consent_date": "2024-05-01",
            "volunteer": page.volunteer_id,
            "portrait": page.portrait_id,
            "portrait_alt": page.portrait_alt,
            "summary": page.summary,
            "honours": inline_formset(
                [{"id": honour.pk, "honour": "中国好人", "year": "2023", "awarding_body": "中央文明办"}],
                initial=1,
            ),
            "story": streamfield(
                [("paragraph", rich_text(f"<p>每天清晨，{NAME}都推着理发车来到楼下。</p>"))],
            ),
            "slug": page.slug,
        }
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)  # draft only
    assert response.status_code == 302
    client.logout()
    html = client.get(page.url).content.decode()
    assert NAME not in html and MASKED in html
    assert f"王桂兰和{MASKED}一起" in client.get(person["friend"].url).content.decode()
    assert not search_finds(client, page)
    assert not search_finds(client, person["friend"])
    for url in old_urls:
        assert client.get(url).status_code == 404, url
    # Her volunteer profile still has her consent.
    assert NAME in client.get(profile_url(board, person["volunteer"])).content.decode()


def test_role_model_withdrawing_on_publish(
    client, board, role_index, person, django_capture_on_commit_callbacks
):
    page = person["page"]
    old_original = page.portrait.file.url
    assert client.get(old_original).status_code == 200
    page.publish_consent = False
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert client.get(old_original).status_code == 404
    assert NAME not in client.get(page.url).content.decode()
    assert not search_finds(client, page)


def test_stories_mask_people_who_never_consented(client, role_index, person):
    VolunteerFactory(real_name="欧阳建国")  # registered, never consented
    page = RoleModelPageFactory(
        parent=role_index,
        real_name="李德明",
        summary="带着欧阳建国一起巡逻。",
        story=story("李德明和欧阳建国每晚巡逻。"),
        **CONSENT,
    )
    RoleModelHonourFactory(page=page, honour="道德模范", year=2022)
    page.save_revision().publish()
    html = client.get(page.url).content.decode()
    assert "李德明和欧阳*国每晚巡逻" in html and "带着欧阳*国一起巡逻" in html
    assert "欧阳建国" not in html


def test_mask_names_in():
    assert mask_names_in("慕容秋月和张秀英", ["张秀英", "慕容秋月"]) == "慕容*月和张*英"
    assert mask_names_in("欧阳建国、欧阳建", ["欧阳建", "欧阳建国"]) == "欧阳*国、欧阳*"
    assert mask_names_in("王五", ["王"]) == "王五"  # one character is not a name to hunt for
    assert mask_names_in("", ["张秀英"]) == ""
    assert mask_names_in("<p>A&amp;B 张秀英</p>", ["A&B", "张秀英"], html=True) == "<p>A*B 张*英</p>"
