"""Public URLs of the notice board that are not pages: a disclosure's record.json and its
approved attachments."""

from django.urls import re_path

from . import views

urlpatterns = [
    re_path(r"^disclosure-files/(?P<sha256>[0-9a-f]{64})/$", views.attachment, name="notices_attachment"),
    re_path(r"^(?P<page_path>(?:[\w\-]+/)+)record\.json$", views.record_json, name="notices_record_json"),
]
