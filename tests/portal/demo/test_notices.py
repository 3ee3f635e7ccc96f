"""The notice board's demo content: enough, realistic, approved through the workflow, idempotent."""

import io
from types import SimpleNamespace

import pytest
from django.utils import timezone
from wagtail.models import Page, Revision, WorkflowState

from notices.finance import period_bounds, validate_disclosure
from notices.models import FinancialDisclosurePage, NoticeBase, NoticeIndexPage, NoticePage
from portal import roles
from portal.demo import notices as demo
from portal.review.models import ReviewApproval

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctx(home_page, make_user):
    users = {
        "admin": make_user(roles.SITE_ADMINS, username="admin", is_superuser=True),
        "staff1": make_user(roles.COMMUNITY_STAFF, username="staff1", first_name="王晓梅"),
        "committee1": make_user(roles.COMMITTEE, username="committee1", first_name="周德明"),
        "committee2": make_user(roles.COMMITTEE, username="committee2", first_name="吴桂英"),
    }
    out = io.StringIO()
    return SimpleNamespace(home=home_page, site=home_page.get_site(), users=users, log=out.write, out=out)


def test_demo_builds_the_board_and_a_second_run_changes_nothing(ctx, client):
    demo.load(ctx)
    counts = (Page.objects.count(), Revision.objects.count(), ReviewApproval.objects.count())
    demo.load(ctx)
    assert (Page.objects.count(), Revision.objects.count(), ReviewApproval.objects.count()) == counts

    index = NoticeIndexPage.objects.get()
    assert index.show_in_menus and index.live and index.get_parent().pk == ctx.home.pk
    notices = NoticePage.objects.live()
    assert notices.count() >= 40
    assert {n.date.year for n in notices} >= {2024, 2025, 2026}
    assert set(NoticeBase.objects.live().values_list("category", flat=True)) == {
        "party",
        "government",
        "residents",
        "finance",
    }
    today = timezone.localdate()
    assert notices.filter(public_from__lte=today, public_until__gte=today).exists()
    assert notices.filter(title__contains="党费收缴情况").exists()
    assert notices.filter(title__contains="居民反映问题处理情况").exists()

    disclosures = FinancialDisclosurePage.objects.live()
    assert disclosures.count() >= 12
    assert disclosures.values("fund").distinct().count() >= 2
    for page in disclosures:
        items = list(page.line_items.all())
        period = period_bounds(page.year, page.period_kind, page.period_number)
        assert validate_disclosure(period, page.opening_balance, page.closing_balance, items) == []
        assert page.committee_signoff()["names"] == ["周德明", "吴桂英"]

    pending = FinancialDisclosurePage.objects.get(live=False)
    assert WorkflowState.objects.get(status=WorkflowState.STATUS_IN_PROGRESS).object_id == str(pending.pk)
    assert list(
        ReviewApproval.objects.filter(page_id=pending.pk).values_list("approver_name", flat=True)
    ) == ["周德明"]

    html = client.get(disclosures.first().url).content.decode()
    assert "监委会审核：周德明、吴桂英" in html
    assert client.get("/notices/").status_code == 200
    corrected = FinancialDisclosurePage.objects.get(slug="wuye-2025q4")
    html = client.get(corrected.url).content.decode()
    assert "更正" in html and "金额由" in html
