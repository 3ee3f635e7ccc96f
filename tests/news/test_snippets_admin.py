"""Columns and correspondents in the admin: who may manage them."""

import pytest
from django.urls import reverse

from news.factories import ColumnFactory
from news.models import Column, Correspondent
from portal import roles

pytestmark = pytest.mark.django_db


def test_chief_manages_columns_and_editors_add_correspondents(client, make_user, publication):
    ColumnFactory(publication=publication, name="社区要闻")
    chief = make_user(roles.EDITOR_IN_CHIEF)
    client.force_login(chief)
    listing = client.get(reverse("wagtailsnippets_news_column:list"))
    assert listing.status_code == 200 and "社区要闻" in listing.content.decode()
    response = client.post(
        reverse("wagtailsnippets_news_column:add"),
        {"publication": str(publication.pk), "name": "身边好人", "description": ""},
    )
    assert response.status_code == 302
    assert Column.objects.filter(publication=publication, name="身边好人").exists()

    # A duplicate column name in the same paper is refused with a message in Chinese.
    response = client.post(
        reverse("wagtailsnippets_news_column:add"),
        {"publication": str(publication.pk), "name": "身边好人", "description": ""},
    )
    assert response.status_code == 200
    assert "这份报刊已经有同名栏目。" in response.content.decode()

    editor = make_user(roles.RESIDENT_EDITORS)
    client.force_login(editor)
    response = client.post(
        reverse("wagtailsnippets_news_correspondent:add"), {"display_name": "晨光", "note": "5号楼居民"}
    )
    assert response.status_code == 302
    assert Correspondent.objects.filter(display_name="晨光").exists()
    response = client.post(
        reverse("wagtailsnippets_news_column:add"),
        {"publication": str(publication.pk), "name": "编辑自建栏目", "description": ""},
    )
    assert response.status_code in (302, 403)
    assert not Column.objects.filter(name="编辑自建栏目").exists()
