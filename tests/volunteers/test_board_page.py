"""The public star board: counts per level, rankings, team filter, search, pagination, profiles."""

import datetime
import re
from decimal import Decimal

import pytest
from django.test import RequestFactory
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.models import Page

from home.models import HomePage
from portal.models import CommunitySettings
from volunteers.factories import (
    ServiceRecordFactory,
    VolunteerBoardPageFactory,
    VolunteerFactory,
    VolunteerTeamFactory,
)
from volunteers.models import RoleModelIndexPage, ServiceRecord, Volunteer, VolunteerBoardPage
from volunteers.stats import recompute_site

pytestmark = pytest.mark.django_db


def give_hours(volunteer, hours, date=None, team=None):
    """Verified records totalling `hours`, in chunks of at most 24."""
    date = date or timezone.localdate() - datetime.timedelta(days=1)
    remaining = Decimal(str(hours))
    while remaining > 0:
        chunk = min(remaining, Decimal("24"))
        ServiceRecordFactory(volunteer=volunteer, hours=chunk, date=date, team=team)
        remaining -= chunk


def test_page_tree(home_page, board):
    assert VolunteerBoardPage.can_exist_under(home_page)
    assert not VolunteerBoardPage.can_exist_under(Page.get_first_root_node())
    assert not VolunteerBoardPage.can_create_at(home_page)  # one per site
    assert RoleModelIndexPage.can_create_at(board)
    assert not RoleModelIndexPage.can_exist_under(home_page)
    assert VolunteerBoardPage.allowed_subpage_models() == [RoleModelIndexPage]
    assert isinstance(board.get_parent().specific, HomePage)


def test_star_counts_and_words(client, board):
    for hours in (100, 150, 300, 1500):
        give_hours(VolunteerFactory(), hours)
    give_hours(VolunteerFactory(), "99.9")
    html = client.get("/volunteers/").content.decode()
    counts = dict(re.findall(r"<span>(.星志愿者)</span><strong>(\d+) 人</strong>", html))
    assert counts == {
        "五星志愿者": "1",
        "四星志愿者": "0",
        "三星志愿者": "0",
        "二星志愿者": "1",
        "一星志愿者": "2",
    }
    assert "共 4 位星级志愿者" in html


def test_ranking_this_year_and_all_time(client, board):
    today = timezone.localdate()
    veteran = VolunteerFactory(real_name="王老兵")
    give_hours(veteran, 500, date=today.replace(year=today.year - 1))
    give_hours(veteran, 1, date=today)
    newcomer = VolunteerFactory(real_name="李新人")
    give_hours(newcomer, 30, date=today)

    html = client.get("/volunteers/").content.decode()
    assert html.index("李*人") < html.index("王*兵")
    assert f"{today.year} 年 30 小时" in strip_tags(html)

    html = client.get("/volunteers/?scope=all").content.decode()
    assert html.index("王*兵") < html.index("李*人")
    assert "累计 501 小时" in strip_tags(html)


def test_filter_by_team_and_team_page(client, board):
    patrol = VolunteerTeamFactory(name="治安巡逻队")
    mediators = VolunteerTeamFactory(name="和事佬调解队")
    a = VolunteerFactory(real_name="赵巡逻", teams=[patrol])
    b = VolunteerFactory(real_name="钱调解", teams=[mediators])
    give_hours(a, 10, team=patrol)
    give_hours(b, 20, team=mediators)
    ServiceRecordFactory(volunteer=a, team=patrol, hours=Decimal("5"), verified_at=None)

    html = client.get(f"/volunteers/?team={patrol.pk}").content.decode()
    assert "赵*逻" in html and "钱*解" not in html

    html = client.get(f"/volunteers/team/{patrol.pk}/").content.decode()
    assert "治安巡逻队" in html
    assert "赵*逻" in html and "钱*解" not in html
    assert "10 小时" in strip_tags(html)  # unverified 5 h not counted
    assert client.get("/volunteers/team/999999/").status_code == 404


def test_search_by_display_name_only(client, board):
    hidden = VolunteerFactory(real_name="张小芬")
    shown = VolunteerFactory(real_name="李桂英", publish_consent=True, consent_date=datetime.date(2025, 1, 2))
    give_hours(hidden, 5)
    give_hours(shown, 5)
    hidden_link = f"/v/{hidden.public_id}/"
    assert hidden_link in client.get("/volunteers/?q=张*芬").content.decode()
    assert hidden_link in client.get("/volunteers/?q=芬").content.decode()
    # The hidden middle character cannot be used to find (or confirm) a real name.
    assert hidden_link not in client.get("/volunteers/?q=小").content.decode()
    assert hidden_link not in client.get("/volunteers/?q=张小芬").content.decode()
    html = client.get("/volunteers/?q=桂英").content.decode()
    assert f"/v/{shown.public_id}/" in html and hidden_link not in html


def test_pagination_and_bad_parameters(client, board):
    for i in range(25):
        give_hours(VolunteerFactory(), 30 - i)
    html = client.get("/volunteers/").content.decode()
    assert "第 1 / 2 页" in html
    assert html.count('class="vol-rank"') == 20
    page2 = client.get("/volunteers/?page=2").content.decode()
    assert page2.count('class="vol-rank"') == 5
    assert "第 21 名" in page2
    for query in (
        "?page=abc",
        "?page=999",
        "?team=abc",
        "?team=-1",
        "?scope=<x>",
        "?q=" + "长" * 500,
        "?page=99999999999999",
    ):
        assert client.get("/volunteers/" + query).status_code == 200, query


def test_a_search_is_paginated_with_its_own_total(client, board):
    """A name search reads its page and its total in one query; odd page numbers still work."""
    for i in range(23):
        give_hours(VolunteerFactory(real_name=f"欧阳{i}"), 30 - i)
    give_hours(VolunteerFactory(real_name="司马光"), 50)
    html = client.get("/volunteers/?q=欧阳&scope=all").content.decode()
    assert "第 1 / 2 页" in html and html.count('class="vol-rank"') == 20
    assert "司*光" not in html
    page2 = client.get("/volunteers/?q=欧阳&scope=all&page=2").content.decode()
    assert page2.count('class="vol-rank"') == 3 and "第 21 名" in page2 and "第 2 / 2 页" in page2
    last = client.get("/volunteers/?q=欧阳&scope=all&page=9").content.decode()
    assert last.count('class="vol-rank"') == 3 and "第 2 / 2 页" in last
    none = client.get("/volunteers/?q=诸葛&scope=all").content.decode()
    assert "没有符合条件的志愿者" in none


def test_profile(client, board, site):
    team = VolunteerTeamFactory(name="邻里守望服务队")
    volunteer = VolunteerFactory(real_name="孙立平", teams=[team])
    give_hours(volunteer, 320)
    response = client.get(f"/volunteers/v/{volunteer.public_id}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "二星志愿者" in html
    assert "320 小时" in strip_tags(html)
    assert "160.00 分" in html  # 320 h × 0.5
    assert "邻里守望服务队" in html
    assert "孙*平" in html
    # The volunteer number is private: the URL uses an opaque id.
    assert volunteer.number not in html
    assert client.get(f"/volunteers/v/{volunteer.number}/").status_code == 404
    assert client.get("/volunteers/v/nope/").status_code == 404


def test_board_only_lists_its_own_sites_volunteers(client, board, site):
    from wagtail.models import Site

    other_home = Page.get_first_root_node().add_child(instance=HomePage(title="金都社区", slug="jindu"))
    other_site = Site.objects.create(hostname="jindu.example.org", port=80, root_page=other_home)
    VolunteerBoardPageFactory(parent=other_home)
    ours = VolunteerFactory(real_name="周本社")
    theirs = VolunteerFactory(real_name="吴外社", site=other_site)
    give_hours(ours, 5)
    give_hours(theirs, 5)
    html = client.get("/volunteers/").content.decode()
    assert "周*社" in html and "吴*社" not in html
    html = client.get("/volunteers/", HTTP_HOST="jindu.example.org").content.decode()
    assert "吴*社" in html and "周*社" not in html


def make_volunteers(count, site):
    """Bulk data for the query-count test: each volunteer has a team and a verified record."""
    team = VolunteerTeamFactory(name=f"测试队{count}")
    volunteers = Volunteer.objects.bulk_create(
        [
            Volunteer(
                site=site,
                number=f"Q{count}-{i}",
                real_name=f"王{i}明",
                masked_name="王*明",
                public_id=f"q{count}x{i}",
            )
            for i in range(count)
        ]
    )
    Volunteer.teams.through.objects.bulk_create(
        [Volunteer.teams.through(volunteer_id=v.pk, volunteerteam_id=team.pk) for v in volunteers]
    )
    ServiceRecord.objects.bulk_create(
        [
            ServiceRecord(
                volunteer=v,
                date=timezone.localdate(),
                hours=Decimal(i % 20 + 1),
                activity="巡逻",
                team=team,
                verified_at=timezone.now(),
            )
            for i, v in enumerate(volunteers)
        ]
    )
    recompute_site(site)  # bulk_create bypasses the writes that keep the stored figures
    return team


# The budget of every public page (issue 16): page chrome (site, routing, menu, breadcrumbs,
# settings) plus at most two queries of the board's own; the rest is stored or memoised.
MAX_QUERIES = 12


@pytest.mark.parametrize("count", [30, 3000])
def test_board_query_count_is_bounded(client, board, site, count, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_ENABLED = False  # count rendering, not a cache hit
    CommunitySettings.for_site(site)  # otherwise created by the first view: a write, which drops memos
    team = make_volunteers(count, site)
    from volunteers.factories import CommendationPeriodFactory

    period = CommendationPeriodFactory(start_date=timezone.localdate() - datetime.timedelta(days=30))
    period.publish()
    assert period.entries.count() == count
    public_id = Volunteer.objects.filter(site=site).values_list("public_id", flat=True).first()
    urls = [
        "/volunteers/",
        "/volunteers/?scope=all&page=2",
        f"/volunteers/?team={team.pk}",
        f"/volunteers/?team={team.pk}&q=王",
        f"/volunteers/team/{team.pk}/",
        f"/volunteers/period/{period.pk}/?page=2",
        f"/volunteers/v/{public_id}/",
        "/",
    ]
    for url in urls:
        client.get(url)  # warm: per-process caches and the site's memos
    for url in urls:
        with django_assert_max_num_queries(MAX_QUERIES, info=url):
            assert client.get(url).status_code == 200


def test_the_home_sections_cost_no_query_once_memoised(
    client, board, site, settings, django_assert_num_queries
):
    """The star board preview and the role models on the home page are memoised per site."""
    from volunteers.wagtail_hooks import role_models_section, volunteers_section

    make_volunteers(30, site)
    request = RequestFactory().get("/")
    home = site.root_page.specific
    assert volunteers_section(request, home).context["items"]
    with django_assert_num_queries(0):
        assert len(volunteers_section(request, home).context["items"]) == 5
        role_models_section(request, home)


def test_photo_only_with_consent(client, board):
    import wagtail_factories

    photo = wagtail_factories.ImageFactory(file__width=480, file__height=640)
    volunteer = VolunteerFactory(real_name="韩梅梅", photo=photo)
    give_hours(volunteer, 3)
    url = f"/volunteers/v/{volunteer.public_id}/"
    assert "<picture>" not in client.get(url).content.decode()
    volunteer.publish_consent = True
    volunteer.consent_date = datetime.date(2025, 9, 1)
    volunteer.save()
    html = client.get(url).content.decode()
    assert "<picture>" in html and 'alt="韩梅梅的照片"' in html


def test_every_link_between_board_profiles_teams_and_periods_leads_somewhere(client, board):
    from volunteers.factories import CommendationPeriodFactory

    team = VolunteerTeamFactory(name="邻里守望服务队")
    leader = VolunteerFactory(real_name="孙守望", teams=[team])
    team.leader = leader
    team.save()
    give_hours(leader, 12, team=team)
    CommendationPeriodFactory(start_date=timezone.localdate() - datetime.timedelta(days=30)).publish()

    profile = f"/volunteers/v/{leader.public_id}/"
    team_page = f"/volunteers/team/{team.pk}/"
    seen = {}
    for url in ("/volunteers/", profile, team_page):
        html = client.get(url).content.decode()
        seen[url] = set(re.findall(r'(?:href|action)="(/volunteers/[^"?]*)"', html))
    assert {profile, team_page} <= seen["/volunteers/"]
    assert any(link.startswith("/volunteers/period/") for link in seen["/volunteers/"])
    assert team_page in seen[profile] and "/volunteers/" in seen[profile]
    assert profile in seen[team_page] and "/volunteers/" in seen[team_page]
    for link in set().union(*seen.values()):
        assert client.get(link).status_code == 200, link
