"""Deadlines by kind in working days, set per community, and the deadline states:
未到期 / 临近（≤2个工作日）/ 已超期 while open, 按期答复 / 超期答复 once answered."""

import datetime

import pytest

from notices.factories import NoticePageFactory
from notices.feedback import factories, handling
from notices.feedback.deadlines import deadline_for
from notices.feedback.models import FeedbackSettings
from portal.models import WorkdayOverride

pytestmark = pytest.mark.django_db
D = datetime.date


def test_reports_and_suggestions_get_ten_working_days_over_the_spring_festival(home_page):
    # Thu 12 Feb 2026: 13, 14 (Saturday worked), then 24 Feb onwards after the holiday.
    item, _ = factories.file(when=D(2026, 2, 12))
    assert item.deadline == D(2026, 3, 4)
    suggestion, _ = factories.file(kind="suggestion", when=D(2026, 2, 12))
    assert suggestion.deadline == D(2026, 3, 4)


def test_enquiries_get_three_working_days_over_national_day(home_page):
    item, _ = factories.file("请问低保申请需要带哪些材料？", kind="enquiry", when=D(2026, 9, 30))
    assert item.deadline == D(2026, 10, 10)  # 8, 9 Oct and Saturday 10 Oct (调休上班)


def test_each_community_sets_its_own_deadlines(site, home_page):
    rules = FeedbackSettings.for_site(site)
    rules.reply_working_days, rules.enquiry_working_days = 5, 2
    rules.save()
    assert factories.file(when=D(2026, 11, 30))[0].deadline == D(2026, 12, 7)
    assert factories.file("咨询停车证办理。", kind="enquiry", when=D(2026, 11, 30))[0].deadline == D(
        2026, 12, 2
    )


def test_an_objection_is_due_before_its_notices_period_ends(notice_index):
    notice = NoticePageFactory(parent=notice_index, public_from=D(2026, 11, 25), public_until=D(2026, 12, 3))
    rules = FeedbackSettings()
    assert deadline_for("objection", D(2026, 11, 30), rules, notice) == D(2026, 12, 3)
    notice.objection_deadline = D(2026, 12, 1)
    assert deadline_for("objection", D(2026, 11, 30), rules, notice) == D(2026, 12, 1)


def test_a_year_the_package_does_not_know_uses_the_holiday_table(home_page):
    # 2027 without entries: weekdays only, 10 working days from Fri 5 Feb end on Fri 19 Feb.
    assert factories.file(when=D(2027, 2, 5))[0].deadline == D(2027, 2, 19)
    WorkdayOverride.objects.create(date=D(2027, 2, 8), name="春节")
    WorkdayOverride.objects.create(date=D(2027, 2, 9), name="春节")
    WorkdayOverride.objects.create(date=D(2027, 2, 13), is_working_day=True, name="调休上班")
    # 10 working days from Fri 5 Feb: 10, 11, 12, 13 (Sat worked), 15, 16, 17, 18, 19, 22 Feb.
    assert factories.file(when=D(2027, 2, 5))[0].deadline == D(2027, 2, 22)


@pytest.mark.parametrize(
    ("today", "key", "label"),
    [
        (D(2026, 11, 30), "pending", "未到期"),
        (D(2026, 12, 10), "near", "临近（≤2个工作日）"),
        (D(2026, 12, 14), "near", "临近（≤2个工作日）"),
        (D(2026, 12, 15), "overdue", "已超期"),
    ],
)
def test_open_reports_are_pending_near_or_overdue(home_page, today, key, label):
    item, _ = factories.file(when=D(2026, 11, 30))
    assert item.deadline == D(2026, 12, 14)
    state = item.deadline_state(today)
    assert (state.key, state.label) == (key, label)


def test_answered_reports_are_on_time_or_late(home_page, staff_user, monkeypatch):
    on_time, _ = factories.file(when=D(2026, 11, 30))
    late, _ = factories.file(when=D(2026, 11, 30))
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D(2026, 12, 14))
    handling.publish_reply(on_time, "已处理。", staff_user)
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D(2026, 12, 16))
    handling.publish_reply(late, "已处理。", staff_user)
    assert on_time.deadline_state().label == "按期答复"
    assert late.deadline_state().label == "超期答复"
    assert (on_time.working_days_taken, late.working_days_taken) == (10, 12)
