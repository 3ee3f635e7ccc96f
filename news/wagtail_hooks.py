"""Admin registration of the newspaper snippets and the home page section."""

from django.contrib import messages
from django.db.models import Count
from django.db.models.functions import Substr
from django.shortcuts import redirect
from django.urls import path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Site
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from home.sections import HomeSection
from news.models import (
    ArticlePage,
    Column,
    Correspondent,
    IssuePage,
    NewsIndexPage,
    PublicationPage,
    current_issues,
)
from portal import roles
from portal.communities_admin import CommunitySnippetViewSet
from portal.page_cache.memo import site_memo
from portal.search.types import ResultType
from portal.tree import children

from . import editor_admin, provisioning, publishing


class ColumnViewSet(SnippetViewSet):
    model = Column
    icon = "list-ul"
    menu_label = "栏目"
    list_display = ["name", "publication", "description"]
    list_filter = ["publication"]
    search_fields = ["name"]


class CorrespondentViewSet(CommunitySnippetViewSet):
    model = Correspondent
    icon = "user"
    menu_label = "通讯员"
    list_display = ["display_name", "note"]
    search_fields = ["display_name"]


class NewsSnippets(SnippetViewSetGroup):
    """The 社区报 menu: 我的草稿 and 本期 (editor_admin) come first, then 通讯员 and 栏目."""

    items = (CorrespondentViewSet, ColumnViewSet)
    menu_icon = "doc-full"
    menu_label = "社区报"
    menu_name = "news"
    submenu_hook = editor_admin.MENU_HOOK

    def get_submenu_items(self):
        items = super().get_submenu_items()
        for position, item in enumerate(items, start=10):
            item.order = position
        return items


register_snippet(NewsSnippets)


@hooks.register("register_admin_viewset")
def my_drafts_viewset():
    return editor_admin.MyDraftsViewSet()


@hooks.register("register_admin_urls")
def news_editor_urls():
    return [path("news/current-issue/", editor_admin.current_issue, name="news_current_issue")]


@hooks.register(editor_admin.MENU_HOOK)
def current_issue_menu_item():
    return MenuItem(
        "本期", reverse("news_current_issue"), name="current-issue", icon_name="doc-full", order=2
    )


@hooks.register("explorer_header_buttons")
def write_in_this_issue(page, user):
    if page.specific_class is IssuePage:
        return [editor_admin.write_here_button(page, user)]
    return []


@hooks.register("construct_homepage_panels")
def write_panel(request, panels):
    issue = editor_admin.current_issue_for(request.user)
    if issue is not None:
        panels.append(editor_admin.WritePanel(issue))


def current_issues_under(home_page, request=None):
    """(the /news/ page, [(publication, its current issue)]) of a site's home page."""
    index = NewsIndexPage.objects.filter(children(home_page)).live().public().first()
    if index is None:
        return None, []
    publications = list(index.publications())
    current = current_issues(publications, request)
    return index, [(p, current[p.pk]) for p in publications if p.pk in current]


@hooks.register("home_page_sections")
def news_home_section(request, home_page):
    """The current issue of each of this site's publications, with its cover (kept until the
    site is next written)."""
    site = Site.find_for_request(request)
    if site is None:
        index, issues = current_issues_under(home_page)
    else:
        index, issues = site_memo(
            site.pk, f"news:home:{home_page.pk}", lambda: current_issues_under(home_page, request)
        )
    if not issues:
        return None
    return HomeSection(
        "news",
        "最新一期社区报",
        template="news/includes/home_news.html",
        stylesheet="news/news.css",
        context={"issues": issues},
        more_url=index.get_url(request),
        more_label="全部社区报和往期",
    )


@hooks.register("before_publish_page")
def hold_an_article_whose_issue_is_not_out(request, page):
    """The editor's 发布 on an article of an unpublished issue holds it for the issue (the
    editor publishes directly, not through ArticlePage.publish, so it is caught here)."""
    if page.specific_class is not ArticlePage:
        return None
    page = page.specific
    if publishing.issue_is_live(page) or publishing.scheduled_later(page):
        return None
    publishing.hold_for_issue(page, page.get_latest_revision(), request.user)
    messages.warning(request, f"“{page.title}”已通过，所在的期刊还没有发布：文章将在期刊发布时一起上线。")
    return redirect("wagtailadmin_explore", page.get_parent().pk)


@hooks.register("register_log_actions")
def register_news_log_actions(actions):
    actions.register_action("news.held_for_issue", "等期刊发布时一起上线", "等期刊发布时一起上线")


SECTION_PAGE_TYPES = (NewsIndexPage, PublicationPage)
WRITERS_ONLY_MESSAGE = "居民编辑可以撰写和编辑期刊、文章；社区报首页和报刊设置请联系主编修改。"


def is_resident_editor_only(user):
    """A 居民编辑 who is not also 主编 or site administrator."""
    if user.is_superuser:
        return False
    return roles.user_has_role(user, roles.RESIDENT_EDITORS) and not roles.has_any_role(
        user, [roles.EDITOR_IN_CHIEF, roles.SITE_ADMINS]
    )


@hooks.register("before_create_page")
def keep_editors_to_issues_and_articles(request, parent_page, page_class):
    if issubclass(page_class, SECTION_PAGE_TYPES) and is_resident_editor_only(request.user):
        messages.error(request, WRITERS_ONLY_MESSAGE)
        return redirect("wagtailadmin_explore", parent_page.pk)
    return None


@hooks.register("before_edit_page")
def keep_editors_off_section_pages(request, page):
    if page.specific_class in SECTION_PAGE_TYPES and is_resident_editor_only(request.user):
        messages.error(request, WRITERS_ONLY_MESSAGE)
        return redirect("wagtailadmin_explore", page.pk)
    return None


hooks.register("provision_community", provisioning.provision)
hooks.register("create_community", provisioning.create)
hooks.register("register_stable_keys", provisioning.stable_keys)


@hooks.register("register_search_result_types")
def search_result_types():
    return [ResultType("news", "社区报", models=[ArticlePage, IssuePage, PublicationPage])]


@hooks.register("district_figures")
def issue_figures(sites, today):
    """Issues published this year, per community."""
    roots = {site.root_page.path: site.pk for site in sites}
    if not roots:
        return []
    length = len(next(iter(roots)))
    rows = (
        IssuePage.objects.live()
        .filter(date__year=today.year)
        .annotate(root=Substr("path", 1, length))
        .filter(root__in=list(roots))
        .values("root")
        .annotate(n=Count("pk"))
        .values_list("root", "n")
    )
    return [("issues", f"{today.year}年社区报期数", {roots[root]: n for root, n in rows})]
