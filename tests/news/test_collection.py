"""The 社区报 collection: editors and the chief upload images and documents there only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from portal import roles

pytestmark = pytest.mark.django_db


def png():
    return SimpleUploadedFile("photo.png", get_test_image_file().file.getvalue(), content_type="image/png")


@pytest.fixture
def news_collection(db):
    return Collection.objects.get(name="社区报", depth=2)


@pytest.mark.parametrize("role", [roles.RESIDENT_EDITORS, roles.EDITOR_IN_CHIEF])
def test_uploads_go_to_the_news_collection_only(client, make_user, role, news_collection):
    client.force_login(make_user(role))
    root = Collection.get_first_root_node()

    # Only the 社区报 collection is offered; a hand-made request for the root lands there too.
    form = client.get(reverse("wagtailimages:add")).content.decode()
    assert 'name="collection"' not in form or f'value="{root.pk}"' not in form
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "端午包粽子",
            "description": "居民围坐在一起包粽子",
            "file": png(),
            "collection": str(root.pk),
            "tags": "",
        },
    )
    assert response.status_code == 302
    assert get_image_model().objects.get(description="居民围坐在一起包粽子").collection == news_collection

    pdf = SimpleUploadedFile("kuaibao.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")
    response = client.post(
        reverse("wagtaildocs:add"),
        {"title": "社区快报第1期", "file": pdf, "collection": str(news_collection.pk), "tags": ""},
    )
    assert response.status_code == 302
    assert get_document_model().objects.get(title="社区快报第1期").collection == news_collection


def test_other_roles_cannot_upload_to_the_news_collection(client, make_user, news_collection):
    client.force_login(make_user(roles.COMMITTEE))
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "无权上传",
            "description": "一张测试图片",
            "file": png(),
            "collection": str(news_collection.pk),
            "tags": "",
        },
    )
    assert response.status_code in (302, 403)
    assert not get_image_model().objects.filter(description="一张测试图片").exists()
