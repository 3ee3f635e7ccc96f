"""`manage.py feedback_reminders`: once a day each community's staff get the reports near or past
their deadline and its 监委会 the overdue ones; a second run the same day sends nothing. The
dashboard lists the same items."""

import datetime
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from notices.feedback import factories, handling
from portal import roles

pytestmark = pytest.mark.django_db
D = datetime.date


@pytest.fixture
def due(home_page, make_user, monkeypatch):
    staff = make_user(roles.COMMUNITY_STAFF, username="desk", email="desk@example.org")
    member = make_user(roles.COMMITTEE, username="jiandu", email="jiandu@example.org")
    overdue, _ = factories.file("早就该答复的反映。", when=D(2026, 11, 2))  # due 16 Nov
    near, _ = factories.file("快到期的反映。", when=D(2026, 11, 17))  # due 1 Dec
    later, _ = factories.file("刚收到的反映。", when=D(2026, 11, 30))  # due 14 Dec
    answered, _ = factories.file("已答复的反映。", when=D(2026, 11, 2))
    handling.publish_reply(answered, "已处理。", staff)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D(2026, 11, 30))
    return {"staff": staff, "member": member, "overdue": overdue, "near": near, "later": later}


def run():
    out = io.StringIO()
    call_command("feedback_reminders", stdout=out)
    return out.getvalue()


def test_staff_get_near_and_overdue_and_the_committee_the_overdue(due):
    run()
    by_recipient = {tuple(m.to): m for m in mail.outbox}
    staff_mail = by_recipient[("desk@example.org",)]
    assert due["overdue"].number in staff_mail.body and due["near"].number in staff_mail.body
    assert due["later"].number not in staff_mail.body
    committee_mail = by_recipient[("jiandu@example.org",)]
    assert due["overdue"].number in committee_mail.body and due["near"].number not in committee_mail.body


def test_a_second_run_the_same_day_sends_nothing(due):
    run()
    sent = len(mail.outbox)
    assert "今天已经提醒过" in run()
    assert len(mail.outbox) == sent == 2


def test_nothing_is_sent_on_a_holiday(due, monkeypatch):
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D(2026, 10, 1))
    assert "不是工作日" in run()
    assert not mail.outbox


def test_the_dashboard_lists_them_for_staff_and_the_overdue_for_the_committee(client, due):
    client.force_login(due["staff"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert due["overdue"].number in html and due["near"].number in html and due["later"].number not in html
    client.force_login(due["member"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert due["overdue"].number in html and due["near"].number not in html
