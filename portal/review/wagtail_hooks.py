"""Admin wiring of reviews: log actions, the review page, and no page actions through the admin API."""

from django.urls import path
from wagtail import hooks
from wagtail.admin.api.views import PagesAdminAPIViewSet

from . import views


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("review.approve", "审核通过（一位审核人）", "审核通过（一位审核人）")
    actions.register_action("review.restart", "内容修改，重新审核", "内容修改，重新审核")


@hooks.register("register_admin_urls")
def review_urls():
    return [path("review/<int:task_state_id>/", views.review, name="review_task")]


class ReadOnlyPagesAdminAPIViewSet(PagesAdminAPIViewSet):
    """The admin's page API without its write actions (publish, revert, copy, move, alias,
    delete, ...): the admin's own screens never use them, and they skip the editor's rules."""

    actions = {}


@hooks.register("construct_admin_api")
def read_only_page_api(router):
    router.register_endpoint("pages", ReadOnlyPagesAdminAPIViewSet)
