"""Every way the admin can change a disclosure or the sections holding notices obeys the
committee rule: copy, alias, move, bulk actions, revisions, scheduling, privacy, unpublishing,
the fund snippet and the approver's own profile."""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction

from notices.factories import NoticePageFactory, make_disclosure, publish_through_committee
from notices.models import FinancialDisclosurePage, Fund, NoticePage
from portal import roles

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_admin(make_user):
    return make_user(roles.SITE_ADMINS, username="siteadmin2", first_name="刘主任")


@pytest.fixture
def live_disclosure(finance_index, fund, staff_user, committee):
    return make_disclosure(finance_index, fund=fund, publish=True, user=staff_user, members=committee[:2])


ADMINS = ["staff_user", "site_admin", "admin_user_role"]


def bulk(client, action, pages, **data):
    ids = "&".join(f"id={p.pk}" for p in pages)
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action)) + f"?{ids}"
    return client.post(url, data)


# Copy, alias, move


@pytest.mark.parametrize("who", ["site_admin", "admin_user_role"])
def test_a_copy_of_a_live_disclosure_is_a_draft(client, request, live_disclosure, who):
    client.force_login(request.getfixturevalue(who))
    url = reverse("wagtailadmin_pages:copy", args=(live_disclosure.pk,))
    data = {
        "new_title": "复制的财务公开",
        "new_slug": "copied",
        "new_parent_page": live_disclosure.get_parent().pk,
    }
    # Asking for a live copy is refused: nobody may publish into the finance section directly.
    response = client.post(url, {**data, "publish_copies": "on"})
    assert response.status_code == 200 and "new_parent_page" in response.context["form"].errors
    assert FinancialDisclosurePage.objects.count() == 1
    # A copy as a draft (next quarter's starting point) is fine.
    assert client.post(url, data).status_code == 302
    copy = FinancialDisclosurePage.objects.get(slug="copied")
    assert not copy.live and copy.first_published_at is None


def test_copying_the_whole_board_keeps_every_disclosure_a_draft(
    client, admin_user_role, live_disclosure, home_page
):
    from home.models import HomePage

    other_home = home_page.get_parent().add_child(instance=HomePage(title="另一个社区", slug="other"))
    board = live_disclosure.get_parent().get_parent()
    client.force_login(admin_user_role)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=(board.pk,)),
        {
            "new_title": "公开栏副本",
            "new_slug": "board-copy",
            "new_parent_page": other_home.pk,
            "copy_subpages": "on",
            "publish_copies": "on",
        },
    )
    assert response.status_code == 302
    copies = FinancialDisclosurePage.objects.exclude(pk=live_disclosure.pk)
    assert copies.count() == 1 and not copies.get().live


def test_no_alias_of_a_disclosure(client, admin_user_role, live_disclosure):
    client.force_login(admin_user_role)
    response = client.post(
        reverse("wagtailadmin_pages:copy", args=(live_disclosure.pk,)),
        {
            "new_title": "别名",
            "new_slug": "alias",
            "new_parent_page": live_disclosure.get_parent().pk,
            "alias": "on",
        },
        follow=True,
    )
    assert "财务公开不能创建别名" in response.content.decode()
    assert FinancialDisclosurePage.objects.count() == 1


# Bulk actions


@pytest.mark.parametrize("who", ["site_admin", "admin_user_role"])
def test_bulk_publish_does_not_publish_a_draft_disclosure(client, request, finance_index, fund, who):
    draft = make_disclosure(finance_index, fund=fund)
    client.force_login(request.getfixturevalue(who))
    bulk(client, "publish", [draft], include_descendants="on")
    bulk(client, "publish", [finance_index], include_descendants="on")
    draft.refresh_from_db()
    assert not draft.live


@pytest.mark.parametrize("who", ["site_admin", "admin_user_role"])
@pytest.mark.parametrize("action", ["unpublish", "delete"])
def test_bulk_unpublish_or_delete_leaves_the_disclosure(client, request, live_disclosure, who, action):
    client.force_login(request.getfixturevalue(who))
    bulk(client, action, [live_disclosure], include_descendants="on")
    bulk(client, action, [live_disclosure.get_parent()], include_descendants="on")
    assert FinancialDisclosurePage.objects.get(pk=live_disclosure.pk).live


def test_bulk_move_leaves_the_disclosure(client, admin_user_role, live_disclosure, home_page):
    client.force_login(admin_user_role)
    parent = live_disclosure.get_parent()
    bulk(client, "move", [live_disclosure], chooser=home_page.pk)
    assert FinancialDisclosurePage.objects.get(pk=live_disclosure.pk).get_parent().pk == parent.pk


# Revisions and scheduling


def test_publishing_an_unapproved_revision_is_refused_by_the_model(live_disclosure, admin_user_role):
    draft = live_disclosure.get_latest_revision_as_object()
    draft.summary = "未经审核的说明"
    revision = draft.save_revision(user=admin_user_role)
    with pytest.raises(PermissionDenied):
        revision.publish(user=admin_user_role, skip_permission_checks=True)
    with pytest.raises(PermissionDenied):
        revision.publish()  # as publish_scheduled would, with no user
    assert FinancialDisclosurePage.objects.get(pk=live_disclosure.pk).summary != "未经审核的说明"


def test_an_old_approved_revision_cannot_be_republished_over_a_correction(live_disclosure, staff_user):
    first = live_disclosure.live_revision
    draft = live_disclosure.get_latest_revision_as_object()
    draft.summary = "更正说明"
    draft.save_revision(user=staff_user)
    publish_through_committee(live_disclosure, submitter=staff_user)
    with pytest.raises(PermissionDenied):
        # A revert-and-publish of the first version would need its own review, not its old one.
        live_disclosure.save_revision(user=staff_user, previous_revision=first).publish(
            previous_revision=first, skip_permission_checks=True
        )


def test_the_revisions_view_cannot_revert_and_publish(client, site_admin, live_disclosure, staff_user):
    first = live_disclosure.live_revision
    draft = live_disclosure.get_latest_revision_as_object()
    draft.summary = "第二版"
    draft.save_revision(user=staff_user)
    client.force_login(site_admin)
    url = reverse("wagtailadmin_pages:revisions_revert", args=(live_disclosure.pk, first.pk))
    html = client.get(url).content.decode()
    assert 'name="action-publish"' not in html or "提交" in html
    assert not live_disclosure.permissions_for_user(site_admin).can_unschedule()


def test_scheduled_publication_publishes_exactly_the_approved_revision(
    finance_index, fund, staff_user, committee
):
    page = make_disclosure(finance_index, fund=fund, user=staff_user)
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    approved = page.save_revision(user=staff_user)
    publish_through_committee(page, submitter=staff_user, members=committee[:2])
    assert not page.live and approved.refresh_from_db() is None and approved.approved_go_live_at
    # Staff change the draft afterwards; the schedule still holds the approved figures.
    draft = page.get_latest_revision_as_object()
    draft.summary = "审核之后改的摘要"
    draft.save_revision(user=staff_user)
    with mock.patch(
        "django.utils.timezone.now", return_value=page.go_live_at + datetime.timedelta(minutes=1)
    ):
        call_command("publish_scheduled")
    page.refresh_from_db()
    assert page.live and page.live_revision_id == approved.pk
    assert page.summary != "审核之后改的摘要"
    assert len(page.publications()) == 1


def test_disclosures_cannot_expire(client, staff_user, live_disclosure, fund):
    from .admin_forms import GOOD_CLOSING, GOOD_ITEMS, disclosure_form, replacing

    client.force_login(staff_user)
    data = disclosure_form(
        fund,
        replacing(live_disclosure, GOOD_ITEMS),
        closing=GOOD_CLOSING,
        slug=live_disclosure.slug,
        expire_at="2027-01-01 00:00",
    )
    response = client.post(reverse("wagtailadmin_pages:edit", args=(live_disclosure.pk,)), data)
    assert response.status_code == 200
    assert "财务公开不能定时下线" in response.content.decode()


# Privacy and unpublishing of the sections that hold notices


@pytest.mark.parametrize("who", ADMINS)
def test_nobody_makes_the_board_or_its_sections_private(client, request, live_disclosure, home_page, who):
    client.force_login(request.getfixturevalue(who))
    finance = live_disclosure.get_parent()
    for page in (finance, finance.get_parent(), home_page, live_disclosure):
        url = reverse("wagtailadmin_pages:set_privacy", args=(page.pk,))
        response = client.post(url, {"restriction_type": "login"})
        assert response.status_code in (302, 403) or "login" not in str(
            PageViewRestriction.objects.filter(page=page).values_list("restriction_type", flat=True)
        )
    assert not PageViewRestriction.objects.exists()
    client.logout()
    assert client.get(live_disclosure.url).status_code == 200
    assert client.get(live_disclosure.url + "csv/").status_code == 200


@pytest.mark.parametrize("who", ADMINS)
def test_nobody_unpublishes_deletes_or_moves_a_section_that_holds_notices(
    client, request, live_disclosure, home_page, who
):
    client.force_login(request.getfixturevalue(who))
    finance = live_disclosure.get_parent()
    board = finance.get_parent()
    for page in (finance, board):
        for view in ("unpublish", "delete"):
            client.post(reverse(f"wagtailadmin_pages:{view}", args=(page.pk,)), {"include_descendants": "on"})
        client.post(reverse("wagtailadmin_pages:move_confirm", args=(page.pk, home_page.pk)))
    assert Page.objects.get(pk=board.pk).live and Page.objects.get(pk=finance.pk).live
    assert FinancialDisclosurePage.objects.get(pk=live_disclosure.pk).live


def test_a_board_with_only_ordinary_notices_is_protected_too(client, admin_user_role, notice_index):
    NoticePageFactory(parent=notice_index)
    client.force_login(admin_user_role)
    client.post(
        reverse("wagtailadmin_pages:set_privacy", args=(notice_index.pk,)), {"restriction_type": "login"}
    )
    client.post(
        reverse("wagtailadmin_pages:unpublish", args=(notice_index.pk,)), {"include_descendants": "on"}
    )
    assert not PageViewRestriction.objects.exists()
    assert NoticePage.objects.live().exists()


# Snippets and profiles


def test_renaming_the_fund_changes_no_published_disclosure(
    client, site_admin, live_disclosure, fund, staff_user
):
    client.logout()
    before_csv = client.get(live_disclosure.url + "csv/")
    client.force_login(site_admin)
    response = client.post(
        reverse("wagtailsnippets_notices_fund:edit", args=(fund.pk,)),
        {"name": "物业专项资金（改名）", "description": fund.description},
    )
    assert response.status_code == 302
    assert Fund.objects.get(pk=fund.pk).name == "物业专项资金（改名）"
    client.logout()
    html = client.get(live_disclosure.url).content.decode()
    assert "物业管理费" in html and "改名" not in html
    after_csv = client.get(live_disclosure.url + "csv/")
    assert after_csv["Content-Disposition"] == before_csv["Content-Disposition"]
    call_command("verify_disclosures")
    # The next draft picks up the new name and so goes through the committee with it.
    from .admin_forms import GOOD_CLOSING, GOOD_ITEMS, disclosure_form, replacing

    client.force_login(staff_user)
    data = disclosure_form(
        Fund.objects.get(pk=fund.pk),
        replacing(live_disclosure, GOOD_ITEMS),
        closing=GOOD_CLOSING,
        slug=live_disclosure.slug,
        summary="第二季度起使用新名称",
    )
    client.post(reverse("wagtailadmin_pages:edit", args=(live_disclosure.pk,)), data)
    live_disclosure.refresh_from_db()
    assert live_disclosure.get_latest_revision_as_object().fund_name == "物业专项资金（改名）"


def test_a_member_renaming_themselves_changes_nothing_residents_see(
    client, committee, finance_index, fund, staff_user
):
    member = committee[0]
    client.force_login(member)
    response = client.post(
        reverse("wagtailadmin_account"),
        {
            "name_email-first_name": "郑国强（主任）",
            "name_email-last_name": "·",
            "name_email-email": member.email,
            "locale-preferred_language": "zh-hans",
            "locale-current_time_zone": "Asia/Shanghai",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "notifications-submitted_notifications": "on",
            "notifications-approved_notifications": "on",
            "notifications-rejected_notifications": "on",
            "notifications-updated_comments_notifications": "on",
        },
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert "主任" in member.get_full_name()
    page = make_disclosure(finance_index, fund=fund, publish=True, user=staff_user, members=committee[:2])
    client.logout()
    html = client.get(page.url).content.decode()
    assert "监委会审核：周德明、吴桂英" in html
    assert "主任" not in html
