"""A notice may state its 公示期 in working days: the editor computes the last day with the
project's working-day clock, and the status counts working days left."""

import datetime

import pytest
from django.urls import reverse

from notices.factories import NoticePageFactory
from notices.models import NoticePage
from notices.status import notice_status
from portal import workdays

from .admin_forms import notice_form

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture(autouse=True)
def fresh_clock():
    workdays.clear_cache()


def add_notice(client, staff_user, notice_index, **fields):
    client.force_login(staff_user)
    url = reverse("wagtailadmin_pages:add", args=("notices", "noticepage", notice_index.pk))
    return client.post(url, notice_form(**fields))


def test_seven_working_days_from_a_working_day_count_it_as_the_first(client, staff_user, notice_index):
    # 低保 公示 over 国庆 2026: from Mon 28 Sep, 7 working days are 28, 29, 30 Sep, 8, 9, 10, 12 Oct.
    response = add_notice(client, staff_user, notice_index, public_from="2026-09-28", public_working_days="7")
    assert response.status_code == 302
    notice = NoticePage.objects.get(slug="dianti")
    assert notice.public_until == D(2026, 10, 12)
    assert notice.public_working_days == 7


def test_a_period_starting_on_a_holiday_counts_from_the_next_working_day(client, staff_user, notice_index):
    # Starting on Sun 15 Feb 2026 (春节): 24, 25, 26 Feb.
    add_notice(client, staff_user, notice_index, public_from="2026-02-15", public_working_days="3")
    assert NoticePage.objects.get(slug="dianti").public_until == D(2026, 2, 26)


def test_working_days_need_a_start_and_a_sane_number(client, staff_user, notice_index):
    response = add_notice(client, staff_user, notice_index, public_working_days="7")
    assert "公示期按工作日计算时，请填写公示开始日期" in response.content.decode()
    response = add_notice(client, staff_user, notice_index, public_from="2026-09-28", public_working_days="0")
    assert response.status_code == 200
    assert not NoticePage.objects.exists()


def test_status_counts_working_days_left(monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D(2026, 9, 30))
    # 30 Sep, 8, 9, 10, 12 Oct are left; the holiday does not count.
    status = notice_status(D(2026, 9, 28), D(2026, 10, 12), working_days=True)
    assert status.label == "公示中·剩5个工作日"
    assert notice_status(D(2026, 9, 28), D(2026, 10, 12), D(2026, 10, 3), working_days=True).days_left == 4


def test_the_page_and_the_board_show_working_days_left(client, notice_index, monkeypatch):
    today = D(2026, 9, 30)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: today)
    notice = NoticePageFactory(
        parent=notice_index,
        title="2026年第三季度低保初审公示",
        public_from=D(2026, 9, 28),
        public_until=D(2026, 10, 12),
        public_working_days=7,
    )
    assert "公示中·剩5个工作日" in client.get(notice.url).content.decode()
    assert "公示中·剩5个工作日" in client.get(notice_index.url).content.decode()
