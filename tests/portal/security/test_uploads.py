"""Uploads: an image memory budget, EXIF/GPS removed, documents checked by type and content."""

import io
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from PIL import Image, PngImagePlugin
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile

from portal.security.uploads import UploadError, decoded_bytes, strip_metadata
from tests.portal.security.images import GPS_IFD, ORIENTATION, gps_of, huge_blank_png, photo

pytestmark = pytest.mark.django_db


def upload_image(client, name, data, content_type="image/jpeg", title="重阳节百家宴"):
    fields = {
        "title": title,
        "description": "老人们在社区广场吃百家宴",
        "file": SimpleUploadedFile(name, data, content_type=content_type),
        "collection": str(Collection.get_first_root_node().pk),
        "tags": "",
    }
    return client.post(reverse("wagtailimages:add"), fields)


@pytest.fixture
def admin_client(client, admin_user_role):
    client.force_login(admin_user_role)
    return client


def test_memory_budget_counts_bands():
    assert decoded_bytes(1000, 1000, "L") == 1_000_000
    assert decoded_bytes(1000, 1000, "RGB") == 3_000_000
    assert decoded_bytes(1000, 1000, "RGBA") == 4_000_000
    assert decoded_bytes(1000, 1000, "P") == 4_000_000  # palette images expand to RGBA
    assert decoded_bytes(1000, 1000, "I;16") == 2_000_000


def test_a_small_png_of_121_megapixels_is_refused_quickly(admin_client):
    data = huge_blank_png()
    assert len(data) < 1_000_000  # a few hundred KB on disk
    start = time.monotonic()
    response = upload_image(admin_client, "huge.png", data, "image/png")
    elapsed = time.monotonic() - start
    html = response.content.decode()
    assert "图片太大（11000×11000 像素），解码后约需 363 MB 内存，超过本站上限 120 MB" in html
    assert not get_image_model().objects.filter(description="老人们在社区广场吃百家宴").exists()
    assert elapsed < 3, f"refusing took {elapsed:.1f} s"


def test_the_multiple_upload_refuses_it_too(admin_client):
    files = {"files[]": SimpleUploadedFile("huge.png", huge_blank_png(), content_type="image/png")}
    response = admin_client.post(reverse("wagtailimages:add_multiple"), files)
    assert "超过本站上限" in response.json()["error_message"]
    assert not get_image_model().objects.exists()


def test_gps_is_gone_from_the_original_and_its_renditions(admin_client):
    assert gps_of(Image.open(io.BytesIO(photo())))  # the test photo does carry GPS
    response = upload_image(admin_client, "portrait.jpg", photo())
    assert response.status_code == 302
    image = get_image_model().objects.get(description="老人们在社区广场吃百家宴")
    with image.open_file() as stored:
        raw = stored.read()
    assert b"Exif" not in raw and b"Lishan Phone" not in raw
    original = Image.open(io.BytesIO(raw))
    assert not original.getexif() and not gps_of(original)
    assert (image.width, image.height) == (320, 200)

    rendition = image.get_rendition("fill-160x100")
    with rendition.file.open() as f:
        small = Image.open(io.BytesIO(f.read()))
    assert not gps_of(small) and not small.getexif()


def test_a_turned_phone_photo_keeps_only_its_orientation(admin_client):
    upload_image(admin_client, "portrait.jpg", photo(orientation=6))
    image = get_image_model().objects.get(description="老人们在社区广场吃百家宴")
    with image.open_file() as stored:
        original = Image.open(io.BytesIO(stored.read()))
    assert dict(original.getexif()) == {ORIENTATION: 6}
    rendition = image.get_rendition("max-320x320")
    with rendition.file.open() as f:
        small = Image.open(io.BytesIO(f.read()))
    assert small.size == (200, 320)  # upright
    assert GPS_IFD not in small.getexif() and not gps_of(small)


def test_the_multiple_upload_strips_gps(admin_client):
    files = {"files[]": SimpleUploadedFile("portrait.jpg", photo(), content_type="image/jpeg")}
    held = admin_client.post(reverse("wagtailimages:add_multiple"), files).json()
    assert held["success"]
    # The alt text is still missing, so Wagtail holds the file until the editor fills it in.
    upload_id = held["uploaded_file_id"]
    with UploadedFile.objects.get(pk=upload_id).file.open() as f:
        assert not gps_of(Image.open(io.BytesIO(f.read())))
    url = reverse("wagtailimages:create_multiple_from_uploaded_image", args=[upload_id])
    prefix = f"uploaded-image-{upload_id}"
    fields = {f"{prefix}-title": "百家宴", f"{prefix}-description": "百家宴", f"{prefix}-tags": ""}
    fields[f"{prefix}-collection"] = str(Collection.get_first_root_node().pk)
    assert admin_client.post(url, fields).json()["success"]
    image = get_image_model().objects.get()
    with image.open_file() as stored:
        raw = stored.read()
    assert b"Lishan Phone" not in raw and not gps_of(Image.open(io.BytesIO(raw)))


def test_jpeg_pixels_are_not_re_encoded():
    data = photo(quality=70)
    stripped = strip_metadata(data)
    assert len(stripped) < len(data)
    assert Image.open(io.BytesIO(stripped)).tobytes() == Image.open(io.BytesIO(data)).tobytes()


def test_progressive_jpeg_and_trailing_pictures():
    data = photo(progressive=True) + photo()  # phones append a second picture after the first
    stripped = strip_metadata(data)
    assert b"Lishan Phone" not in stripped
    assert Image.open(io.BytesIO(stripped)).tobytes() == Image.open(io.BytesIO(data)).tobytes()


def test_png_and_webp_lose_their_metadata_not_their_pixels():
    info = PngImagePlugin.PngInfo()
    info.add_text("Location", "历山路 88 号")
    for fmt, options in (("PNG", {"pnginfo": info}), ("WEBP", {"lossless": True})):
        data = photo(fmt, **options)
        stripped = strip_metadata(data)
        before, after = Image.open(io.BytesIO(data)), Image.open(io.BytesIO(stripped))
        assert gps_of(before)
        assert not gps_of(after) and not after.getexif()
        assert "Location" not in after.info
        assert after.convert("RGB").tobytes() == before.convert("RGB").tobytes()


def test_unneeded_image_types_are_refused(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    response = upload_image(admin_client, "logo.svg", svg, "image/svg+xml")
    assert response.status_code == 200
    assert not get_image_model().objects.exists()


def upload_document(client, name, data):
    fields = {
        "title": "党费收缴明细",
        "file": SimpleUploadedFile(name, data),
        "collection": str(Collection.get_first_root_node().pk),
        "tags": "",
    }
    return client.post(reverse("wagtaildocs:add"), fields)


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
DOCX = b"PK\x03\x04" + b"\x00" * 100


@pytest.mark.parametrize(
    "name,data", [("dues.pdf", PDF), ("dues.xls", OLE2), ("dues.docx", DOCX), ("dues.wps", OLE2)]
)
def test_pdf_and_office_documents_are_accepted(admin_client, name, data):
    assert upload_document(admin_client, name, data).status_code == 302
    assert get_document_model().objects.filter(title="党费收缴明细").exists()


@pytest.mark.parametrize("name", ["dues.zip", "dues.txt", "dues.html", "dues.exe", "dues.svg"])
def test_other_document_types_are_refused_in_chinese(admin_client, name):
    response = upload_document(admin_client, name, b"<html><script>alert(1)</script></html>")
    assert response.status_code == 200
    assert "文件扩展" in response.content.decode()
    assert not get_document_model().objects.exists()


def test_a_web_page_renamed_to_pdf_is_refused(admin_client):
    response = upload_document(admin_client, "dues.pdf", b"<html><script>alert(1)</script></html>")
    assert "的内容不是 .pdf 格式" in response.content.decode()
    assert not get_document_model().objects.exists()


def serve(client, name, data):
    document = get_document_model().objects.create(title=name, file=SimpleUploadedFile(name, data))
    response = client.get(document.url)
    b"".join(response.streaming_content)
    return response


def test_only_pdf_opens_in_the_browser(client, db):
    assert serve(client, "print.pdf", PDF)["Content-Disposition"].startswith("inline")
    for name, data in (("dues.xlsx", DOCX), ("dues.doc", OLE2), ("scan.jpg", photo())):
        disposition = serve(client, name, data)["Content-Disposition"]
        assert disposition.startswith("attachment"), name


def test_images_uploaded_before_lose_their_gps_with_a_command(db):
    """Images from before this check (or made in code) keep EXIF, and Wagtail copies it into
    every rendition; strip_image_metadata cleans the originals and drops old renditions."""
    image = get_image_model().objects.create(title="老照片", file=SimpleUploadedFile("old.jpg", photo()))
    with image.get_rendition("fill-160x100").file.open() as f:
        assert gps_of(Image.open(io.BytesIO(f.read())))  # the leak this command closes
    call_command("strip_image_metadata", stdout=io.StringIO())
    image.refresh_from_db()
    with image.open_file() as stored:
        raw = stored.read()
    assert not gps_of(Image.open(io.BytesIO(raw))) and image.file_size == len(raw)
    assert not image.renditions.exists()
    with image.get_rendition("fill-160x100").file.open() as f:
        assert not gps_of(Image.open(io.BytesIO(f.read())))


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP"])
def test_a_cut_off_image_is_refused_in_chinese_not_with_an_error_page(fmt):
    data = photo(fmt)
    for cut in (12, 20, 30, len(data) // 2):
        try:
            result = strip_metadata(data[:cut])
        except UploadError as error:
            assert "图片文件" in str(error) or "JPEG" in str(error)
        else:
            assert isinstance(result, bytes)
