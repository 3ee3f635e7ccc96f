"""Staff edit the star thresholds and points rate per site in the admin."""

import pytest
from django.urls import reverse

from volunteers.models import VolunteerSettings

pytestmark = pytest.mark.django_db


def post(client, site, **values):
    data = {
        "star_1_hours": 100,
        "star_2_hours": 300,
        "star_3_hours": 600,
        "star_4_hours": 1000,
        "star_5_hours": 1500,
        "points_per_hour": "0.5",
    }
    data.update(values)
    url = reverse("wagtailsettings:edit", args=["volunteers", "volunteersettings", site.pk])
    return client.post(url, data)


def test_staff_set_custom_thresholds(client, staff_user, password, site):
    client.login(username=staff_user.username, password=password)
    response = post(client, site, star_1_hours=50, star_2_hours=150, points_per_hour="1")
    assert response.status_code == 302
    rules = VolunteerSettings.for_site(site)
    assert rules.thresholds == [50, 150, 600, 1000, 1500]
    assert str(rules.points_per_hour) == "1.00"


def test_thresholds_out_of_order_refused_in_chinese(client, staff_user, password, site):
    client.login(username=staff_user.username, password=password)
    response = post(client, site, star_3_hours=200)
    assert response.status_code == 200
    assert "从一星到五星逐级递增" in response.content.decode()
    assert VolunteerSettings.for_site(site).star_3_hours == 600


def test_resident_editors_cannot_edit_rules(client, make_user, password, site):
    user = make_user("居民编辑")
    client.login(username=user.username, password=password)
    response = post(client, site, star_1_hours=1)
    assert response.status_code in (302, 403)
    assert VolunteerSettings.for_site(site).star_1_hours == 100
