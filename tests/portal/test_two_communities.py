"""Two communities on one install: every role × action, in both directions, through the admin.

Each community has its own groups (the default one the shared groups, 锦绣社区 its own from
add_community), content and records; nobody reaches the other community's by any admin URL.
"""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Site

from news.factories import ArticlePageFactory, IssuePageFactory, PublicationPageFactory
from news.models import NewsIndexPage
from notices.factories import FundFactory, NoticePageFactory, make_disclosure
from notices.models import FinancialDisclosureIndexPage, NoticeIndexPage
from portal import roles
from portal.accounts.models import set_verified_name
from portal.review.models import ReviewApproval
from volunteers.factories import VolunteerFactory

pytestmark = pytest.mark.django_db


def denied(response):
    return response.status_code in (403, 404) or (
        response.status_code == 302 and response["Location"].startswith("/admin/")
    )


class Community:
    """One community's pages, records and one user per role."""

    def __init__(self, site, make_user, tag):
        self.site = site
        home = site.root_page
        self.board = NoticeIndexPage.objects.descendant_of(home).first()
        self.finance = FinancialDisclosureIndexPage.objects.descendant_of(home).get()
        self.notice = NoticePageFactory(parent=self.board, title=f"{tag}的通知", slug=f"{tag}-notice")
        self.fund = FundFactory(name=f"{tag}物业费", site=site)
        self.volunteer = VolunteerFactory(site=site, number=f"{tag}-001")
        news = NewsIndexPage.objects.descendant_of(home).get()
        self.issue = IssuePageFactory(
            parent=PublicationPageFactory(parent=news, slug=f"{tag}-paper"), number=1
        )
        self.users = {}
        for role in roles.COMMUNITY_ROLES:
            user = make_user(username=f"{tag}-{role}", first_name=f"{tag}{roles.LABELS[role]}")
            user.groups.add(roles.group(role, site))
            if role == roles.COMMITTEE:
                set_verified_name(user, f"{tag}监委")
            self.users[role] = user
        second = make_user(username=f"{tag}-committee2", first_name=f"{tag}二号")
        second.groups.add(roles.group(roles.COMMITTEE, site))
        set_verified_name(second, f"{tag}二号")
        self.members = [self.users[roles.COMMITTEE], second]
        self.disclosure = make_disclosure(
            self.finance, fund=self.fund, user=self.users[roles.COMMUNITY_STAFF]
        )
        self.disclosure.get_workflow().start(self.disclosure, self.users[roles.COMMUNITY_STAFF])
        self.article = ArticlePageFactory(parent=self.issue, title=f"{tag}的稿件", live=False)
        self.article.save_revision(user=self.users[roles.RESIDENT_EDITORS])
        self.article.get_workflow().start(self.article, self.users[roles.RESIDENT_EDITORS])


@pytest.fixture
def communities(home_page, make_user):
    from news.factories import NewsIndexPageFactory
    from notices.factories import FinancialDisclosureIndexPageFactory, NoticeIndexPageFactory
    from volunteers.factories import VolunteerBoardPageFactory

    cache.clear()
    board = NoticeIndexPageFactory(parent=home_page)
    FinancialDisclosureIndexPageFactory(parent=board)
    NewsIndexPageFactory(parent=home_page)
    VolunteerBoardPageFactory(parent=home_page)
    call_command("add_community", name="锦绣社区", hostname="jinxiu.localhost", stdout=io.StringIO())
    a = Community(Site.objects.get(is_default_site=True), make_user, "历山")
    b = Community(Site.objects.get(hostname="jinxiu.localhost"), make_user, "锦绣")
    yield a, b
    cache.clear()


def both_ways(communities):
    a, b = communities
    return [(a, b), (b, a)]


def edit_page(client, user, page):
    client.force_login(user)
    return client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,)))


@pytest.mark.parametrize("role", [roles.COMMUNITY_STAFF, roles.SITE_ADMINS])
def test_pages_of_the_other_community_cannot_be_edited_or_added_to(client, communities, role):
    for own, other in both_ways(communities):
        user = own.users[role]
        assert edit_page(client, user, own.notice).status_code == 200
        assert denied(edit_page(client, user, other.notice))
        add = reverse("wagtailadmin_pages:add", args=("notices", "noticepage", other.board.pk))
        assert denied(client.get(add))
        assert denied(client.post(reverse("wagtailadmin_pages:delete", args=(other.notice.pk,))))
        other.notice.refresh_from_db()
        assert other.notice.live


@pytest.mark.parametrize("role", roles.COMMUNITY_ROLES)
def test_nobody_edits_the_other_communitys_home_page(client, communities, role):
    for own, other in both_ways(communities):
        assert denied(edit_page(client, own.users[role], other.site.root_page))


def test_committee_members_neither_see_nor_approve_the_other_communitys_disclosures(client, communities):
    for own, other in both_ways(communities):
        member = own.members[0]
        client.force_login(member)
        dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
        assert own.disclosure.title in dashboard and other.disclosure.title not in dashboard
        state = other.disclosure.current_workflow_task_state.specific
        assert other.disclosure.current_workflow_task.get_actions(other.disclosure, member) == []
        assert denied(client.get(reverse("review_task", args=(state.pk,))))
        url = reverse("wagtailadmin_pages:workflow_action", args=(other.disclosure.pk, "approve", state.pk))
        assert denied(client.post(url, {"fingerprint": state.fingerprint}))
        assert not ReviewApproval.objects.filter(task_state=state).exists()
    # Each community's own two members publish their own.
    for community in communities:
        state = community.disclosure.current_workflow_task_state.specific
        for member in community.members:
            client.force_login(member)
            client.post(
                reverse("review_task", args=(state.pk,)),
                {"action": "approve", "fingerprint": state.fingerprint},
            )
        community.disclosure.refresh_from_db()
        assert community.disclosure.live


def test_a_chief_approves_only_their_own_communitys_articles(client, communities):
    for own, other in both_ways(communities):
        chief = own.users[roles.EDITOR_IN_CHIEF]
        state = other.article.current_workflow_task_state.specific
        assert other.article.current_workflow_task.get_actions(other.article, chief) == []
        client.force_login(chief)
        url = reverse("wagtailadmin_pages:workflow_action", args=(other.article.pk, "approve", state.pk))
        assert denied(client.post(url, {"fingerprint": state.fingerprint}))
        assert not ReviewApproval.objects.filter(task_state=state).exists()


def test_resident_editors_write_only_in_their_own_communitys_newspaper(client, communities):
    for own, other in both_ways(communities):
        client.force_login(own.users[roles.RESIDENT_EDITORS])
        assert (
            client.get(
                reverse("wagtailadmin_pages:add", args=("news", "articlepage", own.issue.pk))
            ).status_code
            == 200
        )
        assert denied(
            client.get(reverse("wagtailadmin_pages:add", args=("news", "articlepage", other.issue.pk)))
        )


@pytest.mark.parametrize(
    "viewset, attribute",
    [("wagtailsnippets_notices_fund", "fund"), ("volunteers_volunteer", "volunteer")],
)
def test_records_of_the_other_community_are_neither_listed_nor_opened(
    client, communities, viewset, attribute
):
    for own, other in both_ways(communities):
        client.force_login(own.users[roles.COMMUNITY_STAFF])
        listing = client.get(reverse(f"{viewset}:list" if "snippets" in viewset else f"{viewset}:index"))
        html = listing.content.decode()
        assert str(getattr(own, attribute)) in html and str(getattr(other, attribute)) not in html
        record = getattr(other, attribute)
        assert client.get(reverse(f"{viewset}:edit", args=(record.pk,))).status_code == 404
        assert client.post(reverse(f"{viewset}:delete", args=(record.pk,))).status_code == 404
        assert type(record).objects.filter(pk=record.pk).exists()


def test_settings_of_the_other_community_are_refused(client, communities):
    for own, other in both_ways(communities):
        client.force_login(own.users[roles.SITE_ADMINS])
        url = lambda site: reverse("wagtailsettings:edit", args=("portal", "communitysettings", site.pk))  # noqa: E731
        assert client.get(url(own.site)).status_code == 200
        assert denied(client.get(url(other.site)))


def test_a_disclosure_offers_only_its_own_communitys_funds(client, communities):
    for own, other in both_ways(communities):
        client.force_login(own.users[roles.COMMUNITY_STAFF])
        html = client.get(
            reverse("wagtailadmin_pages:add", args=("notices", "financialdisclosurepage", own.finance.pk))
        ).content.decode()
        assert own.fund.name in html and other.fund.name not in html


def test_district_supervisors_approve_nothing(client, communities, make_user):
    supervisor = make_user(roles.DISTRICT_SUPERVISORS, username="jiedao-jiandu")
    for community in communities:
        assert community.disclosure.current_workflow_task.get_actions(community.disclosure, supervisor) == []
        client.force_login(supervisor)
        assert denied(edit_page(client, supervisor, community.notice))


def test_a_communitys_site_admin_manages_only_its_own_accounts(client, communities):
    for own, other in both_ways(communities):
        client.force_login(own.users[roles.SITE_ADMINS])
        listing = client.get(reverse("wagtailusers_users:index")).content.decode()
        assert own.users[roles.COMMUNITY_STAFF].username in listing
        assert other.users[roles.COMMUNITY_STAFF].username not in listing
        staff = other.users[roles.COMMUNITY_STAFF]
        assert client.get(reverse("wagtailusers_users:edit", args=(staff.pk,))).status_code == 404
        assert client.post(reverse("wagtailusers_users:delete", args=(staff.pk,))).status_code == 404
        assert type(staff).objects.filter(pk=staff.pk).exists()


def test_exports_and_imports_are_limited_to_the_users_communities(client, communities):
    for own, other in both_ways(communities):
        client.force_login(own.users[roles.COMMUNITY_STAFF])
        export = reverse("volunteers_tools:export")
        assert client.get(export, {"site": own.site.pk}).status_code == 200
        assert client.get(export, {"site": other.site.pk}).status_code == 404
        page = client.get(reverse("volunteers_tools:import")).content.decode()
        assert f'value="{other.site.pk}"' not in page


def test_a_communitys_site_admin_assigns_only_its_own_roles(client, communities):
    for own, other in both_ways(communities):
        client.force_login(own.users[roles.SITE_ADMINS])
        form = client.get(reverse("wagtailusers_users:add")).content.decode()
        assert f'value="{roles.group(roles.COMMUNITY_STAFF, own.site).pk}"' in form
        assert f'value="{roles.group(roles.COMMUNITY_STAFF, other.site).pk}"' not in form
        response = client.post(
            reverse("wagtailusers_users:add"),
            {
                "username": f"new-{own.site.pk}",
                "email": "new@example.org",
                "first_name": "新",
                "last_name": "人",
                "password1": "Long-enough-passw0rd",
                "password2": "Long-enough-passw0rd",
                "groups": [str(roles.group(roles.COMMUNITY_STAFF, other.site).pk)],
            },
        )
        assert response.status_code == 200  # not a choice
        assert not type(own.users[roles.SITE_ADMINS]).objects.filter(username=f"new-{own.site.pk}").exists()
