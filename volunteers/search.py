"""What volunteers adds to the site search: role-model pages, and teams, which are not pages
and live at <star board>/team/<id>/. Registered in wagtail_hooks.py."""

from wagtail.search.backends import get_search_backend

from portal.page_cache.memo import site_memo
from portal.search.query import snippet
from portal.search.types import ResultType

from .models import RoleModelPage, VolunteerBoardPage, VolunteerTeam

TEAMS_SHOWN = 5


def search_teams(site, query, terms):
    """Teams of this site whose name or description matches, linked to their public page."""
    board = site_memo(
        site.pk,
        "volunteer-board",
        lambda: VolunteerBoardPage.objects.live().public().descendant_of(site.root_page).first(),
    )
    if board is None:
        return []
    teams = get_search_backend().search(query, VolunteerTeam.objects.filter(site=site))[:TEAMS_SHOWN]
    return [
        {
            "url": board.url + board.reverse_subpage("team", args=[team.pk]),
            "title": snippet(team.name, terms, width=200),
            "snippet": snippet(team.description, terms),
        }
        for team in teams
    ]


def search_result_types():
    return [
        ResultType("rolemodel", "榜样", models=[RoleModelPage]),
        ResultType("team", "志愿服务队", search=search_teams),
    ]
