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
    assert not get_image_model().objects.exists()


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
    # A new image is titled by its description (see below), so both are the description.
    image = get_image_model().objects.get()
    assert image.default_alt_text == "老人们在社区广场吃百家宴"
    assert image.title == "老人们在社区广场吃百家宴"


def test_a_new_image_is_described_once_and_titled_by_its_description(client, admin_user_role):
    client.force_login(admin_user_role)
    form = client.get(reverse("wagtailimages:add")).content.decode()
    assert '<input type="hidden" name="title"' in form
    root = Collection.get_first_root_node()
    # Wagtail's upload script puts the file name in the title; the description wins.
    data = {"title": "IMG_2041", "description": "楼道图书角的书架", "file": png(), "collection": str(root.pk)}
    response = client.post(reverse("wagtailimages:add"), {**data, "tags": ""})
    assert response.status_code == 302
    image = get_image_model().objects.get()
    assert image.title == "楼道图书角的书架"
    assert image.default_alt_text == "楼道图书角的书架"


def test_an_existing_image_keeps_an_editable_title(client, admin_user_role):
    image = get_image_model().objects.create(
        title="书架", description="楼道图书角的书架", file=get_test_image_file(), width=640, height=480
    )
    client.force_login(admin_user_role)
    form = client.get(reverse("wagtailimages:edit", args=(image.pk,))).content.decode()
    assert '<input type="text" name="title"' in form


def test_the_image_block_takes_the_image_description_as_alt_text():
    from portal.blocks import ImageBlock

    image = get_image_model().objects.create(
        title="书架", description="楼道图书角的书架", file=get_test_image_file(), width=640, height=480
    )
    block = ImageBlock()
    value = block.clean(block.to_python({"image": image.pk, "alt_text": "", "caption": ""}))
    assert value["alt_text"] == "楼道图书角的书架"
    value = block.clean(block.to_python({"image": image.pk, "alt_text": "两排书架", "caption": ""}))
    assert value["alt_text"] == "两排书架"


def test_the_chooser_upload_asks_only_for_the_description(client, admin_user_role):
    client.force_login(admin_user_role)
    html = client.get(reverse("wagtailimages_chooser:choose")).json()["html"]
    assert 'type="hidden" name="image-chooser-upload-title"' in html
    assert "图片说明" in html
