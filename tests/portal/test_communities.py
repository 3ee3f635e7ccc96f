"""Adding a community in one command: site, sections, groups, workflows and collections of its own."""

import io

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Site, Workflow

from news.models import NewsIndexPage
from notices.models import CommitteeApprovalTask, FinancialDisclosureIndexPage, NoticeIndexPage
from portal import roles
from portal.keys import keyed
from portal.models import CommunitySettings
from volunteers.models import RoleModelIndexPage, VolunteerBoardPage

pytestmark = pytest.mark.django_db


def add(name="锦绣社区", hostname="jinxiu.example.org", port=443):
    out = io.StringIO()
    call_command("add_community", name=name, hostname=hostname, port=port, stdout=out)
    return Site.objects.get(hostname=hostname), out.getvalue()


def test_add_community_builds_everything_once(site):
    new, out = add()
    assert "https://jinxiu.example.org/" in out
    assert CommunitySettings.for_site(new).community_name == "锦绣社区"
    for model in (
        NoticeIndexPage,
        FinancialDisclosureIndexPage,
        NewsIndexPage,
        VolunteerBoardPage,
        RoleModelIndexPage,
    ):
        pages = model.objects.descendant_of(new.root_page)
        assert pages.count() == 1 and pages.get().live, model.__name__
    names = {role: roles.group(role, new).name for role in roles.COMMUNITY_ROLES}
    assert (
        names[roles.COMMITTEE] == "监委会·锦绣社区"
        and names[roles.COMMUNITY_STAFF] == "社区工作人员·锦绣社区"
    )
    assert roles.group(roles.COMMITTEE, new) != roles.group(roles.COMMITTEE, site)
    finance = FinancialDisclosureIndexPage.objects.descendant_of(new.root_page).get()
    workflow = finance.get_workflow()
    assert workflow == keyed(Workflow, "workflow:finance-review", site=new, fallback=False)
    task = workflow.tasks.get().specific
    assert isinstance(task, CommitteeApprovalTask) and task.quorum == 2
    assert list(task.groups.all()) == [roles.group(roles.COMMITTEE, new)]
    board = NoticeIndexPage.objects.descendant_of(new.root_page).get()
    staff = roles.group(roles.COMMUNITY_STAFF, new)
    assert GroupPagePermission.objects.filter(group=staff, page=board).exists()
    assert not GroupPagePermission.objects.filter(
        group=staff, page__in=NoticeIndexPage.objects.descendant_of(site.root_page)
    ).exists()
    news_collection = keyed(Collection, "collection:news", site=new, fallback=False)
    assert news_collection.name == "社区报·锦绣社区"
    chief = roles.group(roles.EDITOR_IN_CHIEF, new)
    assert GroupCollectionPermission.objects.filter(group=chief, collection=news_collection).exists()

    counts = [m.objects.count() for m in (Site, NoticeIndexPage, Workflow, Collection, GroupPagePermission)]
    add()
    assert counts == [
        m.objects.count() for m in (Site, NoticeIndexPage, Workflow, Collection, GroupPagePermission)
    ]


def test_a_bad_hostname_is_refused():
    with pytest.raises(CommandError, match="域名"):
        call_command("add_community", name="错误社区", hostname="not a host!", stdout=io.StringIO())
