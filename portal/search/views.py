"""The site search page, /search/?q=…&type=…&page=…"""

from django.core.paginator import EmptyPage, Paginator
from django.db import connection
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.html import strip_tags
from modelsearch.index import SearchField
from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from portal.params import page_number

from .backend import flatten
from .models import SearchSynonym
from .query import build_query, clean_query, highlight_terms, snippet
from .types import TEAM_TYPE, available_types, label_for, type_models

PER_PAGE = 10
SUGGESTIONS = ["物业费", "党费", "电梯", "社区快报", "志愿者", "星级"]
# Words for the large-text mode; a search for any of them offers the switch first.
ELDER_MODE_WORDS = ["长辈版", "大字版", "关怀版", "老年版", "大字", "字太小", "适老"]


def page_text(page):
    """The page's searchable text other than its title, for the result snippet."""
    parts = []
    for field in page.get_search_fields():
        if isinstance(field, SearchField) and field.field_name != "title":
            try:
                parts.append(flatten(field.get_value(page)))
            except (AttributeError, ValueError):
                continue
    return strip_tags(" ".join(parts))


def page_date(page):
    """The date residents care about: the page's own date if it has one, else first publication."""
    for name in ("date", "public_from", "issue_date"):
        value = getattr(page, name, None)
        if value:
            return value
    if page.first_published_at:
        return timezone.localdate(page.first_published_at)
    return None


def count_limit():
    """How far the backend counts matches (SQLite stops at a limit), or None."""
    if connection.vendor != "sqlite":
        return None
    # Importable only where SQLite's full-text models exist.
    from . import sqlite_fast

    return sqlite_fast.COUNT_LIMIT


def search_teams(site, text, synonym_groups, terms, limit=5):
    """Volunteer teams of this site whose name or description matches, with their page URL."""
    team_models = type_models(TEAM_TYPE)
    if not team_models:
        return []
    from volunteers.models import VolunteerBoardPage

    board = VolunteerBoardPage.objects.live().public().descendant_of(site.root_page).first()
    if board is None:
        return []
    teams = get_search_backend().search(
        build_query(text, synonym_groups), team_models[0].objects.filter(site=site)
    )[:limit]
    return [
        {
            "url": board.url + board.reverse_subpage("team", args=[team.pk]),
            "title": snippet(team.name, terms, width=200),
            "snippet": snippet(team.description, terms),
        }
        for team in teams
    ]


def search_pages(site, text, synonym_groups, type_key):
    if type_key == TEAM_TYPE:
        return [], False
    pages = Page.objects.live().public().descendant_of(site.root_page, inclusive=True)
    models = type_models(type_key) if type_key else None
    if models:
        pages = pages.type(*models)
    results = pages.search(build_query(text, synonym_groups))
    relaxed = False
    if not results.count():
        # Nothing has every word (a typo, an extra word): accept pages with any of them.
        results = pages.search(build_query(text, synonym_groups, operator="or"))
        relaxed = True
    return results, relaxed


def search(request):
    text = clean_query(request.GET.get("q", ""))
    type_key = request.GET.get("type", "")
    types = available_types()
    if type_key not in dict(types):
        type_key = ""
    site = Site.find_for_request(request)
    context = {
        "query": text,
        "type_key": type_key,
        "types": types,
        "suggestions": SUGGESTIONS,
        "offer_elder_mode": any(word in text for word in ELDER_MODE_WORDS),
    }

    if text and site is not None:
        synonym_groups = [s.term_list for s in SearchSynonym.objects.all()]
        results, relaxed = search_pages(site, text, synonym_groups, type_key)
        paginator = Paginator(results, PER_PAGE)
        try:
            page_obj = paginator.page(page_number(request))
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        ids = [p.pk for p in page_obj.object_list]
        specific = {p.pk: p for p in Page.objects.filter(pk__in=ids).specific()}
        terms = highlight_terms(text, synonym_groups)
        context.update(
            count_limit=count_limit(),
            page_obj=page_obj,
            paginator=paginator,
            relaxed=relaxed,
            results=[
                {
                    "page": page,
                    "type_label": label_for(page),
                    "date": page_date(page),
                    "title": snippet(page.title, terms, width=200),
                    "snippet": snippet(page_text(page), terms),
                }
                for page in (specific[pk] for pk in ids if pk in specific)
            ],
        )
        if page_obj.number == 1 and type_key in ("", TEAM_TYPE):
            context["teams"] = search_teams(site, text, synonym_groups, terms)
        query = Query.get(text)
        if page_obj.number == 1 and not type_key:
            context["promotions"] = query.editors_picks.select_related("page").order_by("sort_order")
        query.add_hit()
    return TemplateResponse(request, "search/search.html", context)
