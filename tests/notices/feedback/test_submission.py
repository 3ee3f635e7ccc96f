"""Reporting without an account at /feedback/new/: a 受理号 and a short code on success; bad or
spammy input gets a clear Chinese message and writes nothing."""

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from notices.feedback.models import Feedback, FeedbackContact, FeedbackEvent, FeedbackPhoto, FeedbackSettings
from notices.feedback.numbers import code_matches

pytestmark = pytest.mark.django_db
URL = "/feedback/new/"


def report(**extra):
    data = {"kind": "report", "text": "3号楼2单元楼道灯坏了一个多星期，老人上下楼不方便。"}
    data.update(extra)
    return data


def jpeg_with_gps():
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {2: (36.0, 40.0, 1.0)}  # GPS latitude
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, "JPEG", exif=exif)
    return out.getvalue()


def test_the_form_works_without_an_account_and_without_javascript(client, home_page):
    html = client.get(URL).content.decode()
    assert "我要反映" in html and 'enctype="multipart/form-data"' in html
    assert "<script" not in html.split("</header>")[1]
    assert 'name="website"' in html  # the honeypot, hidden by the stylesheet


def test_a_report_gets_a_reference_number_and_a_code_shown_once(client, home_page, today):
    response = client.post(URL, report(name="张秀英", phone="138 1234 5678", email="zhang@example.org"))
    html = response.content.decode()
    item = Feedback.objects.get()
    assert re.fullmatch(r"FK20261130-0001", item.number)
    assert item.number in html
    code = re.search(r'id="receipt-code">([A-Z0-9]{6})<', html).group(1)
    assert code_matches(code, item.code_hash) and code not in item.code_hash
    assert not set(code) & set("01OIL")
    assert item.status == "accepted" and item.source == "online"
    assert item.deadline.isoformat() == "2026-12-14"  # 10 working days
    contact = FeedbackContact.objects.get(feedback=item)
    assert (contact.name, contact.phone, contact.email) == ("张秀英", "13812345678", "zhang@example.org")
    assert FeedbackEvent.objects.filter(feedback=item, status="accepted").count() == 1


def test_numbers_run_per_day_across_communities(client, home_page, today):
    for _ in range(3):
        client.post(URL, report())
    assert list(Feedback.objects.order_by("number").values_list("number", flat=True)) == [
        "FK20261130-0001",
        "FK20261130-0002",
        "FK20261130-0003",
    ]


def test_photos_are_kept_out_of_public_media_without_exif(client, home_page, settings):
    upload = SimpleUploadedFile("IMG_0001.jpg", jpeg_with_gps(), "image/jpeg")
    client.post(URL, {**report(), "photos": [upload]})
    photo = FeedbackPhoto.objects.get()
    assert str(settings.MEDIA_ROOT) not in photo.file.path
    assert photo.file.path.startswith(str(settings.FEEDBACK_PRIVATE_ROOT))
    with photo.file.open("rb") as f, Image.open(f) as image:
        assert not image.getexif()
    with pytest.raises(ValueError):
        photo.file.url  # noqa: B018 - no public address at all


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "请写下您要反映的内容"),
        ({"text": "灯坏"}, "内容太短了"),
        ({"text": "楼" * 2001}, "内容最多 2000 个字"),
        ({"text": "我的身份证号是11010519491231002X，请核实低保资格。"}, "身份证号"),
        ({"text": "请打我电话13812345678联系我，楼道灯坏了。"}, "手机号码"),
        ({"phone": "12345"}, "请填写 11 位手机号码"),
        ({"email": "not-an-email"}, "电子邮箱格式不对"),
        ({"kind": "spam"}, "请选择反映的类别"),
        ({"location": "不存在的楼"}, "请从列表里选择位置"),
        ({"kind": "objection"}, "请从那则公示的页面点"),
        ({"website": "http://spam.example"}, "提交未成功"),
    ],
)
def test_bad_input_is_explained_in_chinese_and_nothing_is_written(client, home_page, data, message):
    response = client.post(URL, report(**data))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Feedback.objects.exists() and not FeedbackContact.objects.exists()


def test_a_file_that_is_not_a_photo_is_refused(client, home_page):
    fake = SimpleUploadedFile("photo.jpg", b"<html><script>alert(1)</script></html>", "image/jpeg")
    response = client.post(URL, {**report(), "photos": [fake]})
    assert "不是照片" in response.content.decode()
    assert not Feedback.objects.exists() and not FeedbackPhoto.objects.exists()


def test_more_than_three_photos_are_refused(client, home_page):
    photos = [SimpleUploadedFile(f"p{i}.jpg", jpeg_with_gps(), "image/jpeg") for i in range(4)]
    response = client.post(URL, {**report(), "photos": photos})
    assert "最多上传 3 张照片" in response.content.decode()
    assert not Feedback.objects.exists()


def test_locations_come_from_the_sites_list(client, site, home_page):
    rules = FeedbackSettings.for_site(site)
    rules.locations = "1号楼1单元\n北门停车场"
    rules.save()
    assert "北门停车场" in client.get(URL).content.decode()
    client.post(URL, report(location="北门停车场"))
    assert Feedback.objects.get().location == "北门停车场"


def test_submissions_are_rate_limited_per_address(client, home_page):
    for _ in range(5):
        client.post(URL, report(), REMOTE_ADDR="203.0.113.9")
    response = client.post(URL, report(), REMOTE_ADDR="203.0.113.9")
    assert "提交太频繁了" in response.content.decode()
    assert Feedback.objects.count() == 5
    client.post(URL, report(), REMOTE_ADDR="203.0.113.10")
    assert Feedback.objects.count() == 6


def test_submissions_are_rate_limited_per_phone(client, home_page):
    for i in range(3):
        client.post(URL, report(phone="13812345678"), REMOTE_ADDR=f"203.0.113.{i}")
    response = client.post(URL, report(phone="138-1234-5678"), REMOTE_ADDR="203.0.113.50")
    assert "提交太频繁了" in response.content.decode()
    assert Feedback.objects.count() == 3


def test_an_objection_from_a_notice_in_its_period_is_linked_to_it(client, open_notice):
    html = client.get(f"{URL}?notice={open_notice.pk}").content.decode()
    assert "关于2026年度低保对象初审结果的公示" in html
    client.post(
        URL,
        report(
            kind="objection", notice=str(open_notice.pk), text="公示名单中有一户家里有两辆车，不符合条件。"
        ),
    )
    item = Feedback.objects.get()
    assert item.kind == "objection" and item.notice_id == open_notice.pk
    assert item.deadline == open_notice.public_until


def test_no_objection_once_the_period_is_over(client, open_notice, today):
    import datetime

    open_notice.public_until = today - datetime.timedelta(days=1)
    open_notice.public_from = today - datetime.timedelta(days=8)
    open_notice.save_revision().publish()
    response = client.post(URL, report(kind="objection", notice=str(open_notice.pk)))
    assert "异议期已经结束" in response.content.decode()
    assert not Feedback.objects.exists()


def test_odd_query_parameters_do_not_break_the_form(client, home_page):
    for value in ("１２", "-1", "9" * 40, "abc", "1%00"):
        assert client.get(f"{URL}?notice={value}").status_code == 200


@override_settings(ALLOWED_HOSTS=["*"])
def test_a_host_with_no_community_is_a_404(client, home_page):
    from wagtail.models import Site

    Site.objects.update(is_default_site=False)
    assert client.get(URL, HTTP_HOST="nowhere.example").status_code == 404


def test_two_residents_at_the_same_moment_get_different_numbers(home_page, today, monkeypatch):
    """The unique constraint settles a race: the second save retries with the next number."""
    from notices.feedback import factories, numbers

    first, _ = factories.file()
    computed = iter([first.number, "FK20261130-0002"])  # the first guess is already taken
    monkeypatch.setattr(numbers, "next_number", lambda model, prefix: next(computed))
    second, _ = factories.file("另一位居民同时提交的反映内容。")
    assert second.number == "FK20261130-0002"
    assert Feedback.objects.count() == 2


def test_every_page_links_to_the_form_in_its_header(client, home_page):
    html = client.get("/").content.decode()
    header = html.split("</header>")[0]
    assert 'href="/feedback/new/"' in header and "我要反映" in header
