import pytest

from notices.factories import NoticePageFactory
from notices.qr import qr_svg

pytestmark = pytest.mark.django_db


def test_print_view_is_an_a4_sheet_with_a_qr_code_of_the_public_url(client, notice_index):
    notice = NoticePageFactory(parent=notice_index, title="关于开展垃圾分类入户宣传的通知", slug="lajifenlei")
    response = client.get("/notices/lajifenlei/print/")
    assert response.status_code == 200
    html = response.content.decode()
    url = notice.get_full_url()
    assert url == "http://localhost/notices/lajifenlei/"
    assert url in html
    # The QR code drawn on the server encodes exactly that URL.
    assert qr_svg(url) in html
    assert qr_svg(url + "x") not in html
    assert html.count("<svg") == 1
    assert "notices/print.css" in html and "site-header" not in html
    assert "关于开展垃圾分类入户宣传的通知" in html


def test_print_stylesheet_sets_a4_and_black_on_white():
    from pathlib import Path

    import notices

    css = (Path(notices.__file__).parent / "static/notices/print.css").read_text()
    assert "size: A4" in css and "color: #000" in css and "background: #fff" in css
    board_css = (Path(notices.__file__).parent / "static/notices/notices.css").read_text()
    assert "@media print" in board_css


def test_disclosures_print_too_with_figures_items_and_signoff(client, finance_index, fund):
    from notices.factories import make_disclosure

    page = make_disclosure(finance_index, fund=fund, publish=True, slug="wuye-2026q1")
    html = client.get("/notices/finance/wuye-2026q1/print/").content.decode()
    url = "http://localhost/notices/finance/wuye-2026q1/"
    assert qr_svg(url) in html
    assert "叁万陆仟伍佰元整" in html and "公共区域保洁" in html and "1,850.50" in html
    assert "监委会审核：周德明、吴桂英" in html
    # The same 核验码 as online, so a resident at the board can compare.
    from portal.review.fingerprint import verification_code

    assert f"核验码：<strong>{verification_code(page.publications()[-1].fingerprint)}</strong>" in html


def test_print_sheet_shows_the_period_dates_not_a_countdown(client, notice_index):
    import datetime

    from django.utils import timezone

    today = timezone.localdate()
    NoticePageFactory(
        parent=notice_index,
        slug="dibao",
        public_from=today,
        public_until=today + datetime.timedelta(days=4),
    )
    online = client.get("/notices/dibao/").content.decode()
    sheet = client.get("/notices/dibao/print/").content.decode()
    # Online the countdown is right; on paper it would be wrong tomorrow.
    assert "剩5天" in online
    assert "剩" not in sheet and "公示中" not in sheet
    until = today + datetime.timedelta(days=4)
    assert f"{until.year}年{until.month}月{until.day}日" in sheet


def test_print_qr_code_uses_the_sites_real_address(client, notice_index):
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "lishan.example.org", 443
    site.save()  # save() also clears Wagtail's cached site root paths
    NoticePageFactory(parent=notice_index, slug="tingshui")
    html = client.get("/notices/tingshui/print/", HTTP_HOST="lishan.example.org").content.decode()
    assert qr_svg("https://lishan.example.org/notices/tingshui/") in html
    assert "localhost" not in html
