import datetime

import pytest
from django.utils import timezone

from notices.status import notice_status

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))
FROM, UNTIL = datetime.date(2026, 5, 1), datetime.date(2026, 5, 7)


def at(monkeypatch, *args):
    """Pretend it is this wall-clock time in Shanghai."""
    moment = datetime.datetime(*args, tzinfo=SHANGHAI)
    monkeypatch.setattr(timezone, "now", lambda: moment.astimezone(datetime.UTC))


@pytest.mark.parametrize(
    ("moment", "label"),
    [
        ((2026, 4, 30, 23, 59), "5月1日起公示"),
        ((2026, 5, 1, 0, 0), "公示中·剩7天"),
        ((2026, 5, 7, 0, 0), "公示中·剩1天"),
        ((2026, 5, 7, 23, 59), "公示中·剩1天"),
        ((2026, 5, 8, 0, 0), "公示已结束"),
    ],
)
def test_status_at_period_boundaries_in_shanghai(monkeypatch, moment, label):
    at(monkeypatch, *moment)
    assert notice_status(FROM, UNTIL).label == label


def test_utc_evening_is_already_next_day_in_shanghai(monkeypatch):
    # 16:30 UTC on the 7th is 00:30 on the 8th in Shanghai: the period is over.
    monkeypatch.setattr(timezone, "now", lambda: datetime.datetime(2026, 5, 7, 16, 30, tzinfo=datetime.UTC))
    assert notice_status(FROM, UNTIL).label == "公示已结束"


def test_no_period_is_permanent():
    assert notice_status(None, None).label == "长期公开"
    assert notice_status(None, None).key == "permanent"
