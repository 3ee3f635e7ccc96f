"""The resident editor's way into the newspaper admin: the 社区报 menu (我的草稿, 本期, 通讯员),
an issue that opens on its articles with 在本期写稿, and the same button on the dashboard."""

from django.contrib import messages
from django.db.models import Q
from django.shortcuts import redirect
from django.urls import reverse
from wagtail.admin.ui.components import Component
from wagtail.admin.views.pages.listing import IndexView
from wagtail.admin.viewsets.pages import PageListingViewSet
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies.pages import PagePermissionPolicy

from .models import ArticlePage, IssuePage

MENU_HOOK = "register_news_menu_item"
NO_ISSUE_MESSAGE = "还没有可以写稿的期刊：请主编先在社区报里新建一期。"


def write_url(issue):
    return reverse("wagtailadmin_pages:add", args=("news", "articlepage", issue.pk))


def current_issue_for(user):
    """The newest issue (published or still a draft) `user` may add articles to, or None."""
    writable = PagePermissionPolicy().instances_user_has_any_permission_for(user, ["add"])
    issues = IssuePage.objects.filter(
        pk__in=[page.pk for page in writable.type(IssuePage)],
    )
    return issues.order_by("-date", "-number", "-pk").first()


def write_here_button(issue, user):
    """在本期写稿 for an issue's article listing, if `user` may add articles to it."""
    if not issue.permissions_for_user(user).can_add_subpage():
        return None
    return HeaderButton("在本期写稿", url=write_url(issue), icon_name="edit")


def current_issue(request):
    """本期: the current issue's list of articles."""
    issue = current_issue_for(request.user)
    if issue is None:
        messages.info(request, NO_ISSUE_MESSAGE)
        return redirect("wagtailadmin_home")
    return redirect("wagtailadmin_explore", issue.pk)


class MyDraftsView(IndexView):
    """The user's own articles that are not yet (or not fully) published."""

    def get_base_queryset(self):
        mine = Q(owner=self.request.user) | Q(latest_revision__user=self.request.user)
        drafts = Q(live=False) | Q(has_unpublished_changes=True)
        return super().get_base_queryset().filter(mine, drafts)


class MyDraftsViewSet(PageListingViewSet):
    model = ArticlePage
    index_view_class = MyDraftsView
    name = "my_drafts"
    icon = "doc-empty"
    menu_label = "我的草稿"
    menu_name = "my-drafts"
    menu_order = 1
    menu_hook = MENU_HOOK
    add_to_admin_menu = False


class WritePanel(Component):
    """Dashboard: 在本期写稿 and 我的草稿 for whoever may write for an issue."""

    name = "news_write"
    order = 90
    template_name = "news/admin/write_panel.html"

    def __init__(self, issue):
        self.issue = issue

    def get_context_data(self, parent_context):
        return {"issue": self.issue, "write_url": write_url(self.issue)}
