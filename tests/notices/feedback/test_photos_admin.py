"""Report photos are served only through the admin, to the item's community staff and the 网格员 it
is assigned to; the 监委会 and anyone else get nothing."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from notices.feedback import factories, handling
from notices.feedback.models import FeedbackPhoto
from portal import roles

pytestmark = pytest.mark.django_db


def png():
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "blue").save(out, "PNG")
    return SimpleUploadedFile("photo.png", out.getvalue(), "image/png")


@pytest.fixture
def photo(home_page):
    item, _ = factories.file("小区南门路面有个大坑，附照片。", photos=[png()])
    return FeedbackPhoto.objects.get(feedback=item)


def url(photo):
    return reverse("feedback_admin:photo", args=[photo.feedback_id, photo.token])


def test_staff_see_the_photo_privately(client, staff_user, photo):
    client.force_login(staff_user)
    html = client.get(reverse("feedback_admin:edit", args=[photo.feedback_id])).content.decode()
    assert url(photo) in html
    response = client.get(url(photo))
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


def test_the_assigned_grid_worker_sees_it_the_committee_does_not(client, make_user, staff_user, photo):
    worker = make_user(roles.GRID_WORKERS, username="grid")
    member = make_user(roles.COMMITTEE, username="member")
    client.force_login(worker)
    assert client.get(url(photo)).status_code == 404
    handling.assign(photo.feedback, worker, staff_user)
    assert client.get(url(photo)).status_code == 200
    client.force_login(member)
    response = client.get(url(photo))
    assert response.status_code in (302, 403)
    assert (
        url(photo)
        not in client.get(reverse("feedback_admin:edit", args=[photo.feedback_id])).content.decode()
    )


def test_anonymous_visitors_get_no_photo(client, photo):
    response = client.get(url(photo))
    assert response.status_code == 302 and "/login/" in response["Location"]
