"""Every image editors upload carries alt text (its description)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

pytestmark = pytest.mark.django_db


def png():
    return SimpleUploadedFile("photo.png", get_test_image_file().file.getvalue(), content_type="image/png")


def test_upload_without_alt_text_is_refused_in_chinese(client, admin_user_role):
    client.force_login(admin_user_role)
    response = client.post(reverse("wagtailimages:add"), {"title": "重阳节", "file": png(), "tags": ""})
    assert response.status_code == 200
    assert "请填写替代文字" in response.content.decode()
    assert not get_image_model().objects.filter(title="重阳节").exists()


def test_upload_with_alt_text_is_kept(client, admin_user_role):
    client.force_login(admin_user_role)
    root = Collection.get_first_root_node()
    data = {
        "title": "重阳节",
        "description": "老人们在社区广场吃百家宴",
        "file": png(),
        "collection": str(root.pk),
        "tags": "",
    }
    response = client.post(reverse("wagtailimages:add"), data)
    assert response.status_code == 302
    assert get_image_model().objects.get(title="重阳节").default_alt_text == "老人们在社区广场吃百家宴"
