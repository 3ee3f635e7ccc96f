"""The demo's feedback: a year of reports in 历山名郡社区 across every kind and status, a few overdue,
two objections on a notice in its 公示期, a handful in 锦绣 and 乐安; a second run adds nothing."""

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Site

from notices.feedback.models import Feedback, FeedbackReply
from notices.feedback.models.items import KIND_CHOICES, OPEN_STATUSES, STATUS_CHOICES

pytestmark = pytest.mark.django_db


def load():
    call_command("load_demo", "--no-index", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_the_demo_has_a_year_of_feedback(client, site):
    load()
    today = timezone.localdate()
    items = Feedback.objects.filter(site=site)
    assert items.count() >= 60
    assert set(items.values_list("kind", flat=True)) == {k for k, _ in KIND_CHOICES}
    assert set(items.values_list("status", flat=True)) == {s for s, _ in STATUS_CHOICES}
    assert items.filter(abusive=True, hidden=True).exists()
    assert (today - items.order_by("received_on").first().received_on).days >= 300
    overdue = items.filter(status__in=OPEN_STATUSES, deadline__lt=today)
    assert 2 <= overdue.count() <= 5
    assert items.filter(replied_on__gt=models_deadline()).exists()  # some answered late
    assert (
        FeedbackReply.objects.filter(feedback__site=site).count()
        > items.filter(replied_on__isnull=False).count()
    )
    open_objections = items.filter(
        kind="objection", notice__public_from__lte=today, notice__public_until__gte=today
    )
    assert open_objections.count() == 2
    notice = open_objections.first().notice
    html = client.get(notice.url).content.decode()
    assert "本公示期内收到异议 2 件，已答复 1 件" in html
    for prefix in ("jinxiu", "lean"):
        other = Site.objects.get(hostname__startswith=f"{prefix}.")
        assert 3 <= Feedback.objects.filter(site=other).count() <= 6
    assert client.get("/feedback/").status_code == 200
    assert client.get("/feedback/summary/").status_code == 200

    count = Feedback.objects.count()
    load()
    assert Feedback.objects.count() == count


def models_deadline():
    from django.db.models import F

    return F("deadline")
