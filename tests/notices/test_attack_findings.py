"""Insider attacks on the committee sign-off found by the security review of issue 10.

Each test plays the attack through the admin and asserts what must hold: fake committee
accounts, taken-over accounts, rewritten approved revisions, swapped attachments, share-card
text, odd balances, withdrawal notices and a repointed site.
"""

import datetime
import json
import re
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.documents.models import Document
from wagtail.models import Collection, Page, Site

from home.models import HomePage
from notices.factories import NoticePageFactory, make_disclosure, publish_through_committee
from notices.models import FinancialDisclosurePage, NoticePage
from portal import roles
from portal.review.fingerprint import fingerprint

from .admin_forms import GOOD_CLOSING, GOOD_ITEMS, disclosure_form, replacing

pytestmark = pytest.mark.django_db
User = get_user_model()

WRONG_ITEMS = [
    ("2026-01-05", "income", "收取第一季度物业管理费", "全体业主", "36500.00", "记-001"),
    ("2026-01-11", "expense", "公共区域保洁", "洁美保洁服务公司", "18000.00", "记-002"),
    ("2026-03-31", "expense", "电梯年检", "市特种设备检验所", "1850.50", "记-003"),
]
WRONG_CLOSING = "26649.50"
APPROVED_BYTES = b"%PDF-1.4 invoice 1850.50"


@pytest.fixture
def site_admin(make_user):
    """A 站点管理员 who is not a superuser."""
    return make_user(roles.SITE_ADMINS, username="siteadmin2", first_name="刘主任")


@pytest.fixture
def submitted(client, staff_user, finance_index, fund):
    """Staff typed wrong figures and submitted them to the committee."""
    client.force_login(staff_user)
    url = reverse("wagtailadmin_pages:add", args=("notices", "financialdisclosurepage", finance_index.pk))
    data = disclosure_form(fund, WRONG_ITEMS, closing=WRONG_CLOSING, **{"action-submit": "1"})
    assert client.post(url, data).status_code == 302
    page = FinancialDisclosurePage.objects.get()
    assert page.workflow_in_progress
    return page


def approve_on_review_page(client, page):
    """What a logged-in member does: open the review page and approve what it shows."""
    page.refresh_from_db()
    state = page.current_workflow_task_state
    url = reverse("review_task", args=(state.pk,))
    response = client.get(url)
    if response.status_code != 200:
        return response  # not a reviewer: nothing to approve
    seen = response.content.decode().split('name="fingerprint" value="')[1].split('"')[0]
    return client.post(url, {"action": "approve", "fingerprint": seen})


def signoff_line(html):
    return re.findall(r"监委会审核：([^\s<]*)", html)


@pytest.fixture
def live_with_attachment(finance_index, fund, staff_user, committee):
    """A published disclosure whose third line item carries a scanned invoice."""
    document = Document.objects.create(
        title="电梯年检发票", file=ContentFile(APPROVED_BYTES, name="invoice.pdf")
    )
    page = make_disclosure(finance_index, fund=fund, user=staff_user)
    draft = page.get_latest_revision_as_object()
    items = list(draft.line_items.all())
    items[2].attachment = document
    draft.line_items = items
    draft.save_revision(user=staff_user)
    publish_through_committee(page, submitter=staff_user, members=committee[:2])
    page.refresh_from_db()
    assert page.live
    return page, document


# 1. User admin: a non-superuser 站点管理员 makes committee members


def test_a_site_admin_cannot_make_committee_members_with_the_bulk_assign_role_action(
    client, site_admin, submitted, committee
):
    client.force_login(site_admin)
    for username, forged_name in (("fake1", "周德明"), ("fake2", "吴桂英")):
        response = client.post(
            reverse("wagtailusers_users:add"),
            {
                "username": username,
                "email": f"{username}@example.org",
                "first_name": "张",
                "last_name": "三",
                "password1": "Long-enough-passw0rd",
                "password2": "Long-enough-passw0rd",
                "groups": [],
                "verified_name": forged_name,  # the names of the real members
            },
        )
        assert response.status_code == 302  # no group yet: allowed
    fakes = list(User.objects.filter(username__in=["fake1", "fake2"]))
    url = reverse("wagtail_bulk_action", args=("auth", "user", "assign_role"))
    url += "?" + "&".join(f"id={u.pk}" for u in fakes)
    client.post(url, {"role": roles.group(roles.COMMITTEE).pk})
    for fake in fakes:
        client.force_login(fake)
        approve_on_review_page(client, submitted)
    submitted.refresh_from_db()
    client.logout()
    assert not User.objects.filter(
        username__in=["fake1", "fake2"], groups=roles.group(roles.COMMITTEE)
    ).exists()
    assert not submitted.live


def test_a_site_admin_cannot_set_committee_members_passwords_and_approve_as_them(
    client, site_admin, submitted, committee
):
    client.force_login(site_admin)
    for member in committee[:2]:
        client.post(
            reverse("wagtailusers_users:edit", args=(member.pk,)),
            {
                "username": member.username,
                "email": member.email,
                "first_name": member.first_name,
                "last_name": "某",
                "is_active": "on",
                "groups": [str(g.pk) for g in member.groups.all()],
                "verified_name": member.first_name,
                "password1": "Hijacked-passw0rd!",
                "password2": "Hijacked-passw0rd!",
            },
        )
    for member in committee[:2]:
        client.logout()
        if client.login(username=member.username, password="Hijacked-passw0rd!"):
            approve_on_review_page(client, submitted)
    submitted.refresh_from_db()
    assert not submitted.live


# 2. Revisions: the approved revision overwritten in place


def test_the_sign_off_names_only_members_who_approved_the_figures_shown(
    client, staff_user, finance_index, fund, committee, make_user
):
    page = make_disclosure(finance_index, fund=fund, user=staff_user, publish=True, members=committee[:2])
    approved = page.live_revision
    assert page.latest_revision_id == approved.pk
    # Staff "autosave" over the approved revision with other figures, pressing 发布 (= submit).
    client.force_login(staff_user)
    data = disclosure_form(
        fund, replacing(page, WRONG_ITEMS), closing=WRONG_CLOSING, slug=page.slug, **{"action-publish": "1"}
    )
    data["overwrite_revision_id"] = str(approved.pk)
    assert client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data).status_code == 302
    page.refresh_from_db()
    # The approved revision is kept as approved; the new figures are a new revision under review.
    assert page.current_workflow_task_state.revision_id != approved.pk
    approved.refresh_from_db()
    assert approved.as_object().closing_balance == page.live_revision.as_object().closing_balance
    # Two other members approve the new figures.
    fourth = make_user(roles.COMMITTEE, username="committee4", first_name="孙秀兰")
    for member in (committee[2], fourth):
        client.force_login(member)
        approve_on_review_page(client, page)
    page.refresh_from_db()
    assert page.live
    client.logout()
    html = client.get(page.url).content.decode()
    assert "18,000.00" in html
    record = json.loads(client.get(page.url + "record.json").content)
    assert {a["fingerprint"] for a in record["approvals"]} == {record["fingerprint"]}
    assert signoff_line(html) == ["郑国强、孙秀兰"]  # not 周德明、吴桂英, who approved other figures


# 3. Documents behind a published disclosure


def replace_file(client, document):
    client.post(
        reverse("wagtaildocs:edit", args=(document.pk,)),
        {
            "title": document.title,
            "collection": str(document.collection_id),
            "file": ContentFile(b"%PDF-1.4 forged invoice 18500.00", name="invoice.pdf"),
            "tags": "",
        },
    )


def delete_document(client, document):
    client.post(reverse("wagtaildocs:delete", args=(document.pk,)))


def restrict_collection(client, document):
    client.post(
        reverse("wagtailadmin_collections:set_privacy", args=(Collection.get_first_root_node().pk,)),
        {"restriction_type": "login"},
    )


@pytest.mark.parametrize("attack", [replace_file, delete_document, restrict_collection])
def test_residents_get_the_attachment_the_committee_approved(
    client, site_admin, live_with_attachment, attack
):
    page, document = live_with_attachment
    client.force_login(site_admin)
    attack(client, document)
    client.logout()
    html = client.get(page.url).content.decode()
    links = re.findall(r'href="([^"]+)"[^>]*>附件<', html)
    assert links, "the attachment link disappeared from the published disclosure"
    response = client.get(links[0])
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == APPROVED_BYTES


def test_publish_scheduled_survives_a_disclosure_whose_attachment_changed(
    client, site_admin, finance_index, fund, staff_user, committee, notice_index
):
    document = Document.objects.create(title="发票", file=ContentFile(APPROVED_BYTES, name="a.pdf"))
    page = make_disclosure(finance_index, fund=fund, user=staff_user)
    draft = page.get_latest_revision_as_object()
    items = list(draft.line_items.all())
    items[2].attachment = document
    draft.line_items = items
    draft.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    draft.save_revision(user=staff_user)
    publish_through_committee(page, submitter=staff_user, members=committee[:2])
    # An ordinary notice scheduled a little later.
    notice = NoticePageFactory(parent=notice_index, live=False)
    notice.go_live_at = timezone.now() + datetime.timedelta(hours=1, minutes=5)
    notice.save_revision(user=staff_user).publish(user=staff_user)
    assert not NoticePage.objects.get(pk=notice.pk).live
    client.force_login(site_admin)
    replace_file(client, document)
    later = timezone.now() + datetime.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        call_command("publish_scheduled")
    assert NoticePage.objects.get(pk=notice.pk).live


# 4. Text residents see that the committee never sees


def test_share_card_text_of_a_disclosure_is_part_of_what_the_committee_approves(
    client, staff_user, finance_index, fund, committee
):
    fake = "本季度支出仅1850.50元，结余4.6万元，监委会已核实"
    client.force_login(staff_user)
    url = reverse("wagtailadmin_pages:add", args=("notices", "financialdisclosurepage", finance_index.pk))
    data = disclosure_form(
        fund,
        GOOD_ITEMS,
        closing=GOOD_CLOSING,
        seo_title=fake,
        search_description=fake,
        **{"action-submit": "1"},
    )
    assert client.post(url, data).status_code == 302
    page = FinancialDisclosurePage.objects.get()
    for member in committee[:2]:
        client.force_login(member)
        approve_on_review_page(client, page)
    page.refresh_from_db()
    assert page.live
    client.logout()
    html = client.get(page.url).content.decode()
    record = client.get(page.url + "record.json").content.decode()
    assert fake not in html or fake in record


# 5. Odd input


def test_a_negative_zero_balance_is_refused_or_publishes(client, staff_user, finance_index, fund, committee):
    items = [
        ("2026-01-05", "income", "收取第一季度物业管理费", "全体业主", "100.00", "记-001"),
        ("2026-01-11", "expense", "公共区域保洁", "洁美保洁服务公司", "100.00", "记-002"),
    ]
    client.force_login(staff_user)
    url = reverse("wagtailadmin_pages:add", args=("notices", "financialdisclosurepage", finance_index.pk))
    data = disclosure_form(fund, items, opening="-0.00", closing="0.00", **{"action-submit": "1"})
    response = client.post(url, data)
    if response.status_code == 200:
        return  # refused in the editor with a message: fine
    page = FinancialDisclosurePage.objects.get()
    for member in committee[:2]:
        client.force_login(member)
        approve_on_review_page(client, page)
    page.refresh_from_db()
    assert page.live


# 6. Withdrawal notices


def withdraw(client, superuser, page):
    client.force_login(superuser)
    response = client.post(
        reverse("notices_withdraw", args=(page.pk,)), {"reason": "第二笔支出金额录入错误，核实后重新公开。"}
    )
    assert response.status_code == 302
    client.logout()


def test_a_withdrawal_notice_outlives_its_section(
    client, site_admin, admin_user_role, finance_index, fund, staff_user, committee
):
    page = make_disclosure(finance_index, fund=fund, user=staff_user, publish=True, members=committee[:2])
    url = page.url
    withdraw(client, admin_user_role, page)
    assert client.get(url).status_code == 410
    client.force_login(site_admin)
    client.post(reverse("wagtailadmin_pages:delete", args=(finance_index.pk,)))
    client.logout()
    assert client.get(url).status_code == 410


def test_staff_cannot_retitle_a_withdrawal_notice(
    client, admin_user_role, finance_index, fund, staff_user, committee
):
    page = make_disclosure(finance_index, fund=fund, user=staff_user, publish=True, members=committee[:2])
    url, title = page.url, page.title
    withdraw(client, admin_user_role, page)
    client.force_login(staff_user)
    page.refresh_from_db()
    data = disclosure_form(
        fund, replacing(page, GOOD_ITEMS), closing=GOOD_CLOSING, slug=page.slug, title="测试页面，请忽略"
    )
    client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    client.logout()
    html = client.get(url).content.decode()
    assert "测试页面，请忽略" not in html and title in html


# 7. The superuser in the normal admin


@pytest.fixture
def site_cache_cleared():
    """The test's transaction is rolled back, the cached site root paths are not."""
    yield
    Site.clear_site_root_paths_cache()


def test_a_superuser_cannot_hide_the_board_by_repointing_the_site(
    client, admin_user_role, site, site_cache_cleared, finance_index, fund, staff_user, committee
):
    page = make_disclosure(finance_index, fund=fund, user=staff_user, publish=True, members=committee[:2])
    url = page.url
    maintenance = Page.get_first_root_node().add_child(instance=HomePage(title="维护中", slug="maintenance"))
    maintenance.save_revision().publish()
    client.force_login(admin_user_role)
    client.post(
        reverse("wagtailsites:edit", args=(site.pk,)),
        {
            "hostname": site.hostname,
            "port": site.port,
            "site_name": site.site_name or "",
            "root_page": maintenance.pk,
            "is_default_site": "on",
        },
    )
    client.logout()
    assert client.get(url).status_code == 200


def test_the_live_content_of_an_untouched_disclosure_matches_its_approvals(client, live_with_attachment):
    """Control for the attachment attacks above: without them, everything agrees."""
    page, document = live_with_attachment
    record = json.loads(client.get(page.url + "record.json").content)
    assert (
        fingerprint(FinancialDisclosurePage.objects.get(pk=page.pk).public_record()) == record["fingerprint"]
    )
    html = client.get(page.url).content.decode()
    link = re.findall(r'href="([^"]+)"[^>]*>附件<', html)[0]
    assert b"".join(client.get(link).streaming_content) == APPROVED_BYTES
