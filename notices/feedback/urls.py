"""The public feedback pages of the community whose address was asked for."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("feedback/", views.record, name="feedback_record"),
    path("feedback/new/", views.new, name="feedback_new"),
    path("feedback/track/", views.track, name="feedback_track"),
    path("feedback/summary/", views.summary_view, name="feedback_summary"),
    path("feedback/feed/", views.feed, name="feedback_feed"),
    re_path(r"^feedback/(?P<number>FK\d{8}-\d{4,6})/$", views.item_page, name="feedback_item"),
]
