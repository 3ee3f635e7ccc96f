"""Handling in the admin: statuses 已受理 → 处理中 → 已答复 → 已办结 or 不予受理 (reason required), a
refusal as abuse hiding the report, and the resident told of each change by email (and by text
message when the community switches it on)."""

import pytest
from django.core import mail
from django.urls import reverse

from notices.feedback import factories
from notices.feedback.models import FeedbackEvent, FeedbackSettings
from notices.feedback.sms import LocmemSMSBackend

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_outbox():
    LocmemSMSBackend.outbox.clear()


@pytest.fixture
def item(home_page):
    return factories.file(
        "小区北门的道闸坏了，外来车辆随意进出。", contact={"phone": "13512345678", "email": "sun@example.org"}
    )[0]


def act(client, user, item, action, **data):
    client.force_login(user)
    url = reverse("feedback_admin:edit", args=[item.pk])
    return client.post(url, {"action": action, **{f"{action}-{k}": v for k, v in data.items()}})


def test_the_full_course_is_recorded_and_the_resident_emailed(client, staff_user, item):
    assert act(client, staff_user, item, "status", status="in_progress").status_code == 302
    assert act(client, staff_user, item, "reply", text="道闸已修复，已恢复刷卡进出。").status_code == 302
    assert act(client, staff_user, item, "status", status="closed").status_code == 302
    item.refresh_from_db()
    assert item.status == "closed" and item.closed_on is not None
    assert list(FeedbackEvent.objects.filter(feedback=item).values_list("status", flat=True)) == [
        "accepted",
        "in_progress",
        "replied",
        "closed",
    ]
    assert [m.to for m in mail.outbox] == [["sun@example.org"]] * 3
    assert item.number in mail.outbox[0].body and "处理中" in mail.outbox[0].body
    assert "/feedback/track/" in mail.outbox[1].body
    assert LocmemSMSBackend.outbox == []  # text messages are off unless the community turns them on


def test_text_messages_go_out_when_the_community_switches_them_on(client, site, staff_user, item):
    rules = FeedbackSettings.for_site(site)
    rules.sms_enabled = True
    rules.save()
    act(client, staff_user, item, "status", status="in_progress")
    assert len(LocmemSMSBackend.outbox) == 1
    phone, text = LocmemSMSBackend.outbox[0]
    assert phone == "13512345678" and item.number in text and "处理中" in text


def test_a_refusal_needs_a_reason_in_chinese(client, staff_user, item):
    html = act(client, staff_user, item, "status", status="refused", reason="").content.decode()
    assert "不予受理必须写明理由" in html
    item.refresh_from_db()
    assert item.status == "accepted" and not mail.outbox


def test_a_refusal_as_abuse_hides_the_report_from_the_public(client, staff_user, item):
    act(client, staff_user, item, "status", status="refused", reason="恶意骚扰。", abusive="on")
    item.refresh_from_db()
    assert item.status == "refused" and item.abusive and item.hidden
    client.logout()
    assert client.get(f"/feedback/{item.number}/").status_code == 404


def test_statuses_follow_their_order(client, staff_user, item):
    html = act(client, staff_user, item, "status", status="closed").content.decode()
    assert "选择一个有效的选项" in html
    item.refresh_from_db()
    assert item.status == "accepted"


def test_replies_refuse_personal_numbers(client, staff_user, item):
    html = act(client, staff_user, item, "reply", text="请联系王师傅13912345678。").content.decode()
    assert "手机号码" in html
    assert not item.replies.exists()
