"""问题处理情况 for the board: staff generate a draft notice (居务公开) of one month's public record in
the admin; it goes through the notice's normal workflow, and its print view carries a QR code to
each report. Nothing about the reporters is copied."""

import datetime

import pytest
from django.urls import reverse

from notices.feedback import factories, handling
from notices.models import NoticePage
from notices.qr import qr_svg
from portal import roles

pytestmark = pytest.mark.django_db
D = datetime.date
URL = reverse("feedback_admin:problem_notice")


@pytest.fixture
def october(notice_index, staff_user):
    replied, _ = factories.file("10号楼下水道堵塞。", when=D(2026, 10, 12), contact={"name": "李淑芬"})
    handling.publish_reply(replied, "已疏通下水道。", staff_user)
    pending, _ = factories.file(
        "希望增加充电桩。", kind="suggestion", when=D(2026, 10, 20), location="北门停车场"
    )
    gone, _ = factories.file("已撤回的反映。", when=D(2026, 10, 21))
    handling.withdraw(gone)
    factories.file("十一月的反映。", when=D(2026, 11, 2))
    return replied, pending, gone


def test_staff_generate_a_draft_of_one_month(client, staff_user, site, october):
    replied, pending, gone = october
    client.force_login(staff_user)
    response = client.post(URL, {"site": str(site.pk), "month": "2026-10"})
    page = NoticePage.objects.get(title="2026年10月居民反映问题处理情况")
    assert response.status_code == 302 and response["Location"] == reverse(
        "wagtailadmin_pages:edit", args=[page.pk]
    )
    assert not page.live and page.category == "residents"
    problems = page.body[0].value["problems"]
    assert [p["number"] for p in problems] == [replied.number, pending.number]
    assert problems[0]["reply"] == "已疏通下水道。" and problems[0]["status"] == "done"
    assert "李淑芬" not in str(page.body.raw_data)
    assert "十一月" not in str(page.body.raw_data)


def test_its_print_view_has_a_qr_code_to_each_report(client, staff_user, site, october):
    replied, pending, _ = october
    client.force_login(staff_user)
    client.post(URL, {"site": str(site.pk), "month": "2026-10"})
    page = NoticePage.objects.get(title="2026年10月居民反映问题处理情况")
    page.get_latest_revision().publish()
    client.logout()
    html = client.get(page.url + "print/").content.decode()
    for item in (replied, pending):
        assert qr_svg(f"{site.root_url}/feedback/{item.number}/") in html
    assert html.count("<svg") == 3  # the page's own code and one per report


@pytest.mark.parametrize("month", ["", "2026-13", "十月", "2026-10-01"])
def test_a_bad_month_is_explained(client, staff_user, site, october, month):
    client.force_login(staff_user)
    html = client.post(URL, {"site": str(site.pk), "month": month}).content.decode()
    assert "月份" in html
    assert not NoticePage.objects.filter(title__contains="居民反映问题处理情况").exists()


def test_a_month_without_reports_is_explained(client, staff_user, site, october):
    client.force_login(staff_user)
    html = client.post(URL, {"site": str(site.pk), "month": "2026-03"}).content.decode()
    assert "没有可以公开的居民反映" in html


@pytest.mark.parametrize("role", [roles.COMMITTEE, roles.GRID_WORKERS, roles.EDITOR_IN_CHIEF])
def test_only_staff_generate_it(client, make_user, site, october, role):
    client.force_login(make_user(role, username=f"u-{role}"))
    response = client.post(URL, {"site": str(site.pk), "month": "2026-10"})
    assert response.status_code in (302, 403) and "/edit/" not in response.get("Location", "")
    assert not NoticePage.objects.filter(title__contains="居民反映问题处理情况").exists()
