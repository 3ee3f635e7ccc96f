"""Rendered public pages never show real names (without consent), phones, ID numbers or addresses."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from volunteers.factories import (
    CommendationPeriodFactory,
    RoleModelHonourFactory,
    RoleModelPageFactory,
    ServiceRecordFactory,
    VolunteerFactory,
    VolunteerTeamFactory,
)

pytestmark = pytest.mark.django_db

REAL_NAME = "慕容秋月"
PHONE = "13905318888"
ID_NUMBER = "370102198803157725"
ADDRESS = "历山名郡小区7号楼2单元301室"


@pytest.fixture
def private_volunteer(site):
    team = VolunteerTeamFactory(name="邻里守望服务队")
    volunteer = VolunteerFactory(
        real_name=REAL_NAME,
        phone=PHONE,
        id_number=ID_NUMBER,
        address=ADDRESS,
        teams=[team],
        number="ZY-SECRET-01",
    )
    team.leader = volunteer
    team.save()
    for _ in range(6):
        ServiceRecordFactory(volunteer=volunteer, team=team, hours=Decimal("20"))
    return volunteer


@pytest.fixture
def public_urls(board, role_index, private_volunteer, site):
    period = CommendationPeriodFactory(
        title="2026年上半年", start_date=timezone.localdate() - datetime.timedelta(days=30)
    )
    period.publish()
    role_model = RoleModelPageFactory(parent=role_index, real_name=REAL_NAME, volunteer=private_volunteer)
    RoleModelHonourFactory(page=role_model, honour="中国好人", year=2024)
    team = private_volunteer.teams.get()
    return [
        "/",
        "/volunteers/",
        "/volunteers/?scope=all",
        f"/volunteers/?team={team.pk}",
        f"/volunteers/v/{private_volunteer.public_id}/",
        f"/volunteers/team/{team.pk}/",
        f"/volunteers/period/{period.pk}/",
        role_index.url,
        role_model.url,
        f"{role_index.url}?honour=中国好人",
        "/search/?q=照顾孤寡老人",
        "/sitemap.xml",
        "/sitemap/",
    ]


def assert_private(html, url, name_visible=False):
    for secret in (PHONE, ID_NUMBER, ADDRESS, "ZY-SECRET-01"):
        assert secret not in html, (url, secret)
    if not name_visible:
        # Neither the full name nor its hidden middle characters.
        assert REAL_NAME not in html, url
        assert "秋" not in html, url


def test_no_private_data_on_public_pages(client, public_urls):
    for url in public_urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert_private(response.content.decode(), url)
    assert "慕容*月" in client.get("/volunteers/").content.decode()


def test_with_consent_name_and_photo_appear_but_contacts_never(
    client, public_urls, private_volunteer, role_index
):
    private_volunteer.publish_consent = True
    private_volunteer.consent_date = datetime.date(2025, 5, 1)
    private_volunteer.save()
    role_model = role_index.get_children().get().specific
    role_model.publish_consent = True
    role_model.consent_date = datetime.date(2025, 5, 1)
    role_model.save_revision().publish()
    seen = False
    for url in public_urls:
        html = client.get(url).content.decode()
        assert_private(html, url, name_visible=True)
        seen = seen or REAL_NAME in html
    assert REAL_NAME in client.get(f"/volunteers/v/{private_volunteer.public_id}/").content.decode()
    assert REAL_NAME in client.get(role_model.url).content.decode()
    assert seen


def test_site_search_does_not_find_people_by_their_real_name(client, public_urls, role_index):
    role_model = role_index.get_children().get()
    html = client.get("/search/", {"q": "照顾孤寡老人"}).content.decode()
    assert role_model.url in html  # found by its story, under the masked name
    assert "慕容*月" in html
    # The hidden part of the name finds nothing (the visible surname may match the masked title).
    for query in ("秋月", "秋"):
        html = client.get("/search/", {"q": query}).content.decode()
        assert role_model.url not in html, query
