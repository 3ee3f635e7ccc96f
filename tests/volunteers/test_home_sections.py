"""The home page's 志愿服务星级榜 and 身边的榜样 sections."""

import datetime
from decimal import Decimal

import pytest

from volunteers.factories import (
    RoleModelHonourFactory,
    RoleModelPageFactory,
    ServiceRecordFactory,
    VolunteerFactory,
)

pytestmark = pytest.mark.django_db


def test_empty_states_without_a_board(client, home_page):
    html = client.get("/").content.decode()
    assert "志愿服务星级榜即将上线" in html and "榜样风采即将上线" in html


def test_top_volunteers_and_role_models(client, board, role_index):
    volunteers = []
    for i, name in enumerate(["王秀英", "李建国", "张玉兰", "赵德明", "孙海燕", "周立平"]):
        v = VolunteerFactory(real_name=name)
        ServiceRecordFactory(volunteer=v, hours=Decimal(10 + i))
        volunteers.append(v)
    ServiceRecordFactory(volunteer=volunteers[0], hours=Decimal(20), verified_at=None)  # unverified: ignored
    rm = RoleModelPageFactory(
        parent=role_index, real_name="欧阳春花", publish_consent=True, consent_date=datetime.date(2024, 3, 1)
    )
    RoleModelHonourFactory(page=rm, honour="道德模范", year=2024)

    html = client.get("/").content.decode()
    section = html.split("home-section--volunteers")[1].split("</section>")[0]
    # Top five by verified hours, masked names only, the sixth (least hours) left out.
    assert section.index("周*平") < section.index("孙*燕") < section.index("李*国")
    assert "王*英" not in section
    assert "周立平" not in html
    assert 'href="/volunteers/"' in section
    assert f"/volunteers/v/{volunteers[-1].public_id}/" in section
    gallery = html.split("home-section--role_models")[1].split("</section>")[0]
    assert "欧阳春花" in gallery and rm.url in gallery and 'href="/volunteers/role-models/"' in gallery


@pytest.mark.parametrize("count", [5, 60])
def test_section_query_count_bounded(rf, home_page, board, role_index, count, django_assert_max_num_queries):
    from volunteers.wagtail_hooks import role_models_section, volunteers_section

    for i in range(count):
        ServiceRecordFactory(volunteer=VolunteerFactory(), hours=Decimal(i % 9 + 1))
        if i % 5 == 0:
            RoleModelHonourFactory(page=RoleModelPageFactory(parent=role_index))
    request = rf.get("/")
    with django_assert_max_num_queries(16):
        section = volunteers_section(request, home_page)
        gallery = role_models_section(request, home_page)
    assert len(section.context["items"]) == 5
    assert 1 <= len(gallery.context["pages"]) <= 3
