"""The public record (/feedback/, /feedback/<受理号>/, RSS, the summary and its CSV): every report that
is not withdrawn or refused as abuse, newest first, with its reply, and never the reporter's
name, phone or email."""

import csv
import datetime
import io

import pytest
from django.core.management import call_command
from wagtail.models import Site

from notices.feedback import factories, handling
from notices.feedback.models import Feedback

pytestmark = pytest.mark.django_db
D = datetime.date
CONTACT = {"name": "钱玉珍", "phone": "13612345678", "email": "qian@example.org"}


@pytest.fixture
def record(home_page, staff_user):
    old, _ = factories.file("去年的反映：小区健身器材损坏。", when=D(2025, 6, 3), contact=CONTACT)
    handling.publish_reply(old, "已更换健身器材。", staff_user)
    new, _ = factories.file(
        "咨询：居住证明怎么开？", kind="enquiry", when=D(2026, 11, 20), contact=CONTACT, location="2号楼"
    )
    abuse, _ = factories.file("辱骂内容，不予受理。", when=D(2026, 11, 21), contact=CONTACT)
    handling.change_status(abuse, "refused", staff_user, "内容与社区事务无关。", abusive=True)
    refused, _ = factories.file("要求社区代缴个人电费。", when=D(2026, 11, 22))
    handling.change_status(refused, "refused", staff_user, "不属于社区职责，已告知缴费渠道。")
    gone, _ = factories.file("楼下噪音，后来已解决。", when=D(2026, 11, 23))
    handling.withdraw(gone)
    return {"old": old, "new": new, "abuse": abuse, "refused": refused, "gone": gone}


def pages(client, record):
    urls = ["/feedback/", "/feedback/feed/", "/feedback/summary/", "/feedback/summary/?year=2026&format=csv"]
    urls += [f"/feedback/{item.number}/" for key, item in record.items() if key in ("old", "new", "refused")]
    return {url: client.get(url) for url in urls}


def test_the_record_never_shows_who_reported(client, record):
    for url, response in pages(client, record).items():
        assert response.status_code == 200, url
        text = response.content.decode("utf-8-sig")
        for secret in ("钱玉珍", "13612345678", "qian@example.org", "5678"):
            assert secret not in text, (url, secret)


def test_withdrawn_and_abusive_reports_are_left_out_and_refusals_kept(client, record):
    html = client.get("/feedback/").content.decode()
    assert record["new"].number in html and record["refused"].number in html
    assert record["abuse"].number not in html and record["gone"].number not in html
    assert "不属于社区职责" in client.get(f"/feedback/{record['refused'].number}/").content.decode()
    for key in ("abuse", "gone"):
        assert client.get(f"/feedback/{record[key].number}/").status_code == 404
    feed = client.get("/feedback/feed/").content.decode()
    assert record["abuse"].number not in feed and record["gone"].number not in feed


def test_newest_first_with_kind_status_location_days_and_reply(client, record):
    html = client.get("/feedback/").content.decode()
    assert (
        html.index(record["refused"].number)
        < html.index(record["new"].number)
        < html.index(record["old"].number)
    )
    assert "咨询" in html and "2号楼" in html and "已更换健身器材。" in html
    assert "用时" in html and "个工作日" in html


def test_filters_by_kind_status_and_year(client, record):
    html = client.get("/feedback/?kind=enquiry").content.decode()
    assert record["new"].number in html and record["old"].number not in html
    html = client.get("/feedback/?status=replied").content.decode()
    assert record["old"].number in html and record["new"].number not in html
    html = client.get("/feedback/?year=2025").content.decode()
    assert record["old"].number in html and record["new"].number not in html
    for odd in ("kind=<script>", "status=withdrawn", "year=abc", "year=99999", "page=-1", "page=１"):
        response = client.get(f"/feedback/?{odd}")
        assert response.status_code in (200, 404)
        assert record["gone"].number not in response.content.decode()


def test_the_feed_lists_the_items_with_their_replies(client, record):
    response = client.get("/feedback/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert f"http://testserver/feedback/{record['old'].number}/" in body
    assert "已更换健身器材。" in body


def test_each_community_has_its_own_record(client, record):
    call_command("add_community", name="乐安社区", hostname="lean.localhost", stdout=io.StringIO())
    theirs, _ = factories.file("乐安的反映：路灯不亮。", site=Site.objects.get(hostname="lean.localhost"))
    html = client.get("/feedback/", HTTP_HOST="lean.localhost").content.decode()
    assert theirs.number in html and record["new"].number not in html
    assert client.get(f"/feedback/{record['new'].number}/", HTTP_HOST="lean.localhost").status_code == 404
    assert theirs.number not in client.get("/feedback/").content.decode()


def test_the_summary_counts_in_working_days_and_exports_csv(client, home_page, staff_user, monkeypatch):
    for day in (D(2026, 9, 1), D(2026, 9, 2), D(2026, 9, 3)):
        factories.file(when=day)
    items = list(Feedback.objects.order_by("pk"))
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D(2026, 9, 8))
    handling.publish_reply(items[0], "已处理。", staff_user)  # 5 working days
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: D(2026, 9, 29))
    handling.publish_reply(items[1], "已处理。", staff_user)  # 19 working days, late
    html = client.get("/feedback/summary/?year=2026").content.decode()
    assert "2026年9月" in html and "2026年全年" in html
    response = client.get("/feedback/summary/?year=2026&format=csv")
    assert response["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][0] == "期间"
    september = next(row for row in rows if row[0] == "2026年9月" and row[1] == "全部")
    # received, replied, on time, rate (1 of 3 due), median of 5 and 19 working days
    assert september[2:] == ["3", "2", "1", "33.3%", "12.0"]
