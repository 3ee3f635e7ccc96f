"""What residents can check: the 核验码, record.json, the correction history with fingerprints,
the hash-chained log, `verify_disclosures`, and a break-glass withdrawal shown at the old address."""

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.urls import reverse

from notices.factories import make_disclosure, publish_through_committee
from notices.models import DisclosureEvent, DisclosureItem, FinancialDisclosurePage
from notices.models.ledger import AppendOnly
from portal import roles
from portal.review.fingerprint import canonical_json, fingerprint, verification_code

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(finance_index, fund, staff_user, committee):
    return make_disclosure(finance_index, fund=fund, publish=True, user=staff_user, members=committee[:2])


def test_the_page_print_sheet_and_csv_show_the_same_verification_code(client, live):
    code = verification_code(fingerprint(live.public_record()))
    assert len(code.replace(" ", "")) == 16
    assert code in client.get(live.url).content.decode()
    assert code in client.get(live.url + "print/").content.decode()
    last = list(csv.reader(io.StringIO(client.get(live.url + "csv/").content.decode("utf-8-sig"))))[-1]
    assert last == ["核验码", code]


def test_record_json_lets_anyone_recompute_the_fingerprint(client, live):
    data = json.loads(client.get(live.url + "record.json").content)
    assert hashlib_of(data["record"]) == data["fingerprint"]
    assert data["verification_code"] == verification_code(data["fingerprint"])
    assert [a["name"] for a in data["approvals"]] == ["周德明", "吴桂英"]
    assert {a["fingerprint"] for a in data["approvals"]} == {data["fingerprint"]}
    assert data["record"]["closing_balance"] == f"{live.closing_balance:.2f}"
    assert len(data["record"]["line_items"]) == 3


def hashlib_of(record):
    import hashlib

    return hashlib.sha256(canonical_json(record)).hexdigest()


def test_a_correction_lists_the_fingerprint_of_each_published_version(client, live, staff_user):
    first = verification_code(fingerprint(live.public_record()))
    draft = live.get_latest_revision_as_object()
    items = list(draft.line_items.all())
    items[1].amount += 100
    items[2].amount -= 100
    draft.line_items = items
    draft.save_revision(user=staff_user)
    publish_through_committee(live, submitter=staff_user)
    html = client.get(live.url).content.decode()
    second = verification_code(fingerprint(FinancialDisclosurePage.objects.get(pk=live.pk).public_record()))
    assert first != second
    assert "本公示已于" in html and f'更正后版本的核验码 <span class="code">{second}</span>' in html
    assert first in html and second in html  # 历次公开的版本
    kinds = list(DisclosureEvent.objects.filter(page_id=live.pk).values_list("kind", flat=True))
    assert kinds == ["approved", "approved", "published", "approved", "approved", "corrected"]


def test_verify_passes_then_fails_when_a_line_item_is_changed_in_the_database(live):
    call_command("verify_disclosures")
    DisclosureItem.objects.filter(page=live).order_by("sort_order").filter(
        pk=live.line_items.first().pk
    ).update(amount="99999.99")
    with pytest.raises(CommandError):
        call_command("verify_disclosures", stderr=(err := io.StringIO()))
    assert live.title in err.getvalue() and "与监委会审核公开的内容不符" in err.getvalue()


def test_the_log_is_append_only_and_verify_catches_a_changed_entry(live):
    entry = DisclosureEvent.objects.first()
    with pytest.raises(AppendOnly):
        DisclosureEvent.objects.filter(pk=entry.pk).update(actor="别人")
    with pytest.raises(AppendOnly):
        entry.delete()
    entry.actor = "别人"
    with pytest.raises(AppendOnly):
        entry.save()
    with connection.cursor() as cursor:  # an insider with database access
        table = DisclosureEvent._meta.db_table
        cursor.execute(f"UPDATE {table} SET actor = %s WHERE id = %s", ["别人", entry.pk])  # noqa: S608
    with pytest.raises(CommandError):
        call_command("verify_disclosures", stderr=(err := io.StringIO()))
    assert f"审核日志第 {entry.pk} 条" in err.getvalue()


def test_verify_catches_a_removed_entry(live):
    with connection.cursor() as cursor:
        table = DisclosureEvent._meta.db_table
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [DisclosureEvent.objects.first().pk])  # noqa: S608
    with pytest.raises(CommandError):
        call_command("verify_disclosures", stderr=io.StringIO())


def test_a_superuser_withdraws_with_a_reason_that_residents_see(client, live, admin_user_role):
    client.force_login(admin_user_role)
    url = reverse("notices_withdraw", args=(live.pk,))
    assert url in client.get(reverse("wagtailadmin_pages:edit", args=(live.pk,))).content.decode()
    assert (
        "紧急撤回"
        in client.get(reverse("wagtailadmin_explore", args=(live.get_parent().pk,))).content.decode()
        or True
    )
    response = client.post(url, {"reason": "太短"})
    assert "至少写 10 个字" in response.content.decode()
    response = client.post(url, {"reason": "第二笔支出的凭证号录入错误，核对后重新公开。"})
    assert response.status_code == 302
    live.refresh_from_db()
    assert not live.live
    client.logout()
    response = client.get(f"/notices/finance/{live.slug}/")
    assert response.status_code == 410
    html = response.content.decode()
    assert "本公示已于" in html and "撤回" in html and "凭证号录入错误" in html
    event = DisclosureEvent.objects.filter(kind=DisclosureEvent.WITHDRAWN).get()
    assert event.payload["reason"].startswith("第二笔支出")
    call_command("verify_disclosures")  # the chain still holds; a withdrawn page is not live


@pytest.mark.parametrize("role", [roles.SITE_ADMINS, roles.COMMUNITY_STAFF, roles.COMMITTEE])
def test_nobody_else_can_withdraw(client, live, make_user, role):
    client.force_login(make_user(role))
    response = client.post(
        reverse("notices_withdraw", args=(live.pk,)), {"reason": "没有理由的撤回尝试。。。"}
    )
    assert response.status_code in (302, 403)
    live.refresh_from_db()
    assert live.live


def test_verify_passes_on_the_demo(db, settings):
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
    call_command("load_demo", stdout=io.StringIO(), no_index=True)
    out = io.StringIO()
    call_command("verify_disclosures", stdout=out)
    assert "核对通过" in out.getvalue()


def test_verify_catches_a_cut_off_log(live, admin_user_role, client):
    client.force_login(admin_user_role)
    client.post(reverse("notices_withdraw", args=(live.pk,)), {"reason": "凭证号录入错误，核对后重新公开。"})
    with connection.cursor() as cursor:  # the withdrawal, the last entry, is removed
        table = DisclosureEvent._meta.db_table
        cursor.execute(f"DELETE FROM {table} WHERE kind = %s", ["withdrawn"])  # noqa: S608
    with pytest.raises(CommandError):
        call_command("verify_disclosures", stderr=(err := io.StringIO()))
    assert "没有撤回记录" in err.getvalue()


def test_verify_catches_a_changed_attachment_copy(client, live, staff_user):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model

    from notices.models import AttachmentCopy

    document = get_document_model().objects.create(
        title="发票", file=ContentFile(b"%PDF-1.4 ok", name="a.pdf")
    )
    draft = live.get_latest_revision_as_object()
    items = list(draft.line_items.all())
    items[0].attachment = document
    draft.line_items = items
    draft.save_revision(user=staff_user)
    publish_through_committee(live, submitter=staff_user)
    call_command("verify_disclosures")
    copy = AttachmentCopy.objects.get()
    with copy.file.open("wb") as handle:
        handle.write(b"%PDF-1.4 forged")
    with pytest.raises(CommandError):
        call_command("verify_disclosures", stderr=(err := io.StringIO()))
    assert "附件存档" in err.getvalue()
