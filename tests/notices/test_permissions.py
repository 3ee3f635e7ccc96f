"""Role × action through the Wagtail admin for notices and financial disclosures."""

import pytest
from django.urls import reverse
from wagtail.models import PageLogEntry

from notices.factories import NoticePageFactory, make_disclosure
from notices.models import FinancialDisclosurePage, NoticePage
from portal import roles

from .admin_forms import GOOD_CLOSING, GOOD_ITEMS, disclosure_form, notice_form, replacing

pytestmark = pytest.mark.django_db


def denied(response):
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


@pytest.fixture
def site_admin(make_user):
    """A 站点管理员 who is not a superuser: the group's own permissions must suffice."""
    return make_user(roles.SITE_ADMINS, username="siteadmin2", first_name="刘主任")


@pytest.fixture
def live_disclosure(finance_index, fund, staff_user):
    return make_disclosure(finance_index, fund=fund, publish=True, user=staff_user)


def add_url(parent, model):
    return reverse("wagtailadmin_pages:add", args=("notices", model, parent.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


# Ordinary notices


def test_staff_adds_and_publishes_a_notice(client, staff_user, notice_index):
    client.force_login(staff_user)
    response = client.post(add_url(notice_index, "noticepage"), {**notice_form(), "action-publish": "1"})
    assert response.status_code == 302
    notice = NoticePage.objects.get()
    assert notice.live


def test_staff_cannot_publish_a_finance_notice_as_an_ordinary_notice(client, staff_user, notice_index):
    client.force_login(staff_user)
    response = client.post(
        add_url(notice_index, "noticepage"), {**notice_form(category="finance"), "action-publish": "1"}
    )
    assert response.status_code == 200
    assert "category" in response.context["form"].errors
    assert 'value="finance"' not in response.content.decode()  # not even offered
    assert not NoticePage.objects.exists()


@pytest.mark.parametrize("role", [roles.RESIDENT_EDITORS, roles.COMMITTEE])
def test_others_cannot_add_or_edit_notices(client, make_user, notice_index, role):
    notice = NoticePageFactory(parent=notice_index)
    client.force_login(make_user(role))
    assert denied(client.get(add_url(notice_index, "noticepage")))
    assert denied(client.post(add_url(notice_index, "noticepage"), {**notice_form(), "action-publish": "1"}))
    assert denied(client.get(edit_url(notice)))
    assert NoticePage.objects.count() == 1


def test_resident_editors_see_nothing_of_the_section(client, resident_editor, notice_index, live_disclosure):
    client.force_login(resident_editor)
    for page in (notice_index, live_disclosure.get_parent()):
        response = client.get(reverse("wagtailadmin_explore", args=(page.pk,)))
        assert denied(response) or live_disclosure.title not in response.content.decode()
    assert denied(client.get(edit_url(live_disclosure)))
    assert denied(client.get(reverse("wagtailsnippets_notices_fund:list")))
    menu = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "资金账户" not in menu


# Financial disclosures


def test_staff_edit_and_publish_of_a_live_disclosure_only_submits(client, staff_user, live_disclosure, fund):
    client.force_login(staff_user)
    live_revision = live_disclosure.live_revision_id
    rows = replacing(live_disclosure, GOOD_ITEMS)
    data = disclosure_form(fund, rows, closing=GOOD_CLOSING, slug=live_disclosure.slug, title="已改标题")
    assert client.post(edit_url(live_disclosure), {**data, "action-publish": "1"}).status_code == 302
    live_disclosure.refresh_from_db()
    assert live_disclosure.live_revision_id == live_revision
    assert live_disclosure.title != "已改标题"
    assert live_disclosure.workflow_in_progress


@pytest.mark.parametrize("view", ["unpublish", "delete"])
def test_staff_cannot_unpublish_or_delete_a_disclosure(client, staff_user, live_disclosure, view):
    client.force_login(staff_user)
    url = reverse(f"wagtailadmin_pages:{view}", args=(live_disclosure.pk,))
    assert denied(client.get(url))
    assert denied(client.post(url))
    live_disclosure.refresh_from_db()
    assert live_disclosure.live


def test_staff_cannot_delete_a_draft_disclosure_either(client, staff_user, finance_index, fund):
    draft = make_disclosure(finance_index, fund=fund, user=staff_user)
    client.force_login(staff_user)
    assert denied(client.post(reverse("wagtailadmin_pages:delete", args=(draft.pk,))))
    assert FinancialDisclosurePage.objects.filter(pk=draft.pk).exists()


def test_staff_still_delete_their_ordinary_notices(client, staff_user, notice_index):
    notice = NoticePageFactory(parent=notice_index)
    client.force_login(staff_user)
    client.post(reverse("wagtailadmin_pages:delete", args=(notice.pk,)))
    assert not NoticePage.objects.filter(pk=notice.pk).exists()


@pytest.mark.parametrize("who", ["site_admin", "admin_user_role"])
def test_administrators_publish_only_by_submitting_to_the_committee(
    client, request, finance_index, fund, committee, who
):
    """Maker–checker holds for 站点管理员 and superusers too: 'publish' submits to 监委会."""
    admin = request.getfixturevalue(who)
    client.force_login(admin)
    response = client.post(
        add_url(finance_index, "financialdisclosurepage"),
        {**disclosure_form(fund, GOOD_ITEMS, closing=GOOD_CLOSING), "action-publish": "1"},
    )
    assert response.status_code == 302
    page = FinancialDisclosurePage.objects.get()
    assert not page.live and page.workflow_in_progress
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.publish").exists()


@pytest.mark.parametrize("who", ["site_admin", "admin_user_role"])
@pytest.mark.parametrize("view", ["unpublish", "delete", "move"])
def test_administrators_cannot_unpublish_delete_or_move_a_published_disclosure(
    client, request, live_disclosure, who, view
):
    admin = request.getfixturevalue(who)
    client.force_login(admin)
    url = reverse(f"wagtailadmin_pages:{view}", args=(live_disclosure.pk,))
    assert denied(client.get(url))
    assert denied(client.post(url))
    live_disclosure.refresh_from_db()
    assert live_disclosure.live
    assert FinancialDisclosurePage.objects.filter(pk=live_disclosure.pk).exists()


def test_committee_views_disclosures_but_edits_nothing(client, committee, live_disclosure, fund):
    member = committee[0]
    client.force_login(member)
    listing = client.get(reverse("wagtailadmin_explore", args=(live_disclosure.get_parent().pk,)))
    assert listing.status_code == 200
    assert live_disclosure.title in listing.content.decode()

    assert denied(client.get(edit_url(live_disclosure)))
    data = disclosure_form(
        fund, GOOD_ITEMS, closing=GOOD_CLOSING, slug=live_disclosure.slug, title="监委会改的"
    )
    assert denied(client.post(edit_url(live_disclosure), {**data, "action-publish": "1"}))
    assert denied(client.post(add_url(live_disclosure.get_parent(), "financialdisclosurepage"), data))
    for view in ("unpublish", "delete", "lock"):
        assert denied(client.post(reverse(f"wagtailadmin_pages:{view}", args=(live_disclosure.pk,))))
    live_disclosure.refresh_from_db()
    assert live_disclosure.live and not live_disclosure.locked
    assert live_disclosure.title != "监委会改的"
    assert FinancialDisclosurePage.objects.count() == 1


def test_permission_matrix_on_the_tester(
    make_user, committee, resident_editor, site_admin, admin_user_role, staff_user, live_disclosure
):
    """The same rules seen from PagePermissionTester, as the admin's buttons use them."""
    expected = {
        staff_user: {"edit": True, "publish": False, "unpublish": False, "delete": False, "lock": False},
        committee[0]: {"edit": False, "publish": False, "unpublish": False, "delete": False, "lock": False},
        resident_editor: {
            "edit": False,
            "publish": False,
            "unpublish": False,
            "delete": False,
            "lock": False,
        },
        site_admin: {"edit": True, "publish": False, "unpublish": False, "delete": False, "lock": True},
        admin_user_role: {"edit": True, "publish": False, "unpublish": False, "delete": False, "lock": True},
    }
    for user, rights in expected.items():
        perms = live_disclosure.permissions_for_user(user)
        actual = {
            "edit": perms.can_edit(),
            "publish": perms.can_publish(),
            "unpublish": perms.can_unpublish(),
            "delete": perms.can_delete(),
            "lock": perms.can_lock(),
        }
        assert actual == rights, user.username
