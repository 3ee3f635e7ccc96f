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
