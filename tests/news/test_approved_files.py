"""An insider cannot change what an approved article shows by replacing its photo's file in the
image library: the file of an image used by a live reviewed page is kept."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from news.factories import ArticlePageFactory, IssuePageFactory

pytestmark = pytest.mark.django_db


def image(title):
    return get_image_model().objects.create(
        title=title, description=title, file=get_test_image_file(), width=640, height=480
    )


def replace_file(client, img):
    return client.post(
        reverse("wagtailimages:edit", args=(img.pk,)),
        {
            "title": img.title,
            "description": img.description,
            "collection": img.collection_id,
            "tags": "",
            "file": SimpleUploadedFile("other.png", get_test_image_file(colour="red").file.getvalue()),
        },
    )


def test_the_photo_of_a_live_article_keeps_its_file(client, admin_user_role, publication):
    used, unused = image("图书角"), image("备用照片")
    ArticlePageFactory(
        parent=IssuePageFactory(parent=publication, number=3),
        body=[("image", {"image": used, "alt_text": "图书角", "caption": ""})],
    )
    before = used.file.name
    client.force_login(admin_user_role)  # a superuser too: the rule holds for administrators

    response = replace_file(client, used)
    assert response.status_code == 200
    assert "不能直接替换" in response.content.decode()
    used.refresh_from_db()
    assert used.file.name == before

    assert replace_file(client, unused).status_code == 302  # an unused image may be replaced
