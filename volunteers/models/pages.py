"""The public star board: rankings, profiles, team pages and published commendation periods."""

from collections.abc import Sequence

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, Window
from django.http import Http404
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail.search import index

from portal.base_forms import PortalPageForm
from portal.page_cache.memo import site_memo
from portal.pagination import paginate
from portal.params import ascii_int, page_number

from .periods import CommendationEntry, CommendationPeriod
from .records import PRIVATE_FIELDS, Volunteer, VolunteerTeam
from .settings import DEFAULT_THRESHOLDS, STAR_WORDS, VolunteerSettings, star_words

PER_PAGE = 20


def paginate_known(request, items, count):
    """`paginate` with the total already known (memoised), so no COUNT query runs."""
    paginator = Paginator(items, PER_PAGE)
    paginator.__dict__["count"] = count  # Paginator.count is a cached_property
    return paginator.get_page(page_number(request))


class _FetchedPage(Sequence):
    """The rows of one page standing in for the whole list, `total` long."""

    def __init__(self, rows, total):
        self.rows, self.total = rows, total

    def __len__(self):
        return self.total

    def __getitem__(self, index):
        return self.rows  # Paginator only slices out the page these rows are


def paginate_counting(request, items):
    """One query for a page and the total (COUNT(*) OVER ()), for lists whose total cannot be
    memoised (free-text search); odd page numbers fall back to `paginate`."""
    number = page_number(request)
    start = (number - 1) * PER_PAGE
    rows = list(items.annotate(list_total=Window(Count("pk")))[start : start + PER_PAGE])
    if not rows and number > 1:
        return paginate(request, items, PER_PAGE)
    total = rows[0].list_total if rows else 0
    return paginate_known(request, _FetchedPage(rows, total), total)


def int_param(request, name):
    """A positive integer query parameter, or None for anything else (never a 500)."""
    return ascii_int(request.GET.get(name), min_value=1)


class VolunteerBoardPage(RoutablePageMixin, Page):
    """志愿服务星级榜 of one community site, with profiles and team pages under it."""

    # Creating it sets up the site's permissions and workflows (portal.provisioning).
    community_section = True

    base_form_class = PortalPageForm

    intro = RichTextField("简介", blank=True, features=["bold", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    search_fields = [*Page.search_fields, index.SearchField("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["volunteers.RoleModelIndexPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = "志愿服务星级榜"
        verbose_name_plural = "志愿服务星级榜"

    # -- helpers ---------------------------------------------------------------
    def board_site(self, request):
        return Site.find_for_request(request) or self.get_site()

    def memo(self, site, name, compute):
        """Same for every visitor; dropped whenever anything on the site is written."""
        return site_memo(site.pk, f"volunteers:{self.pk}:{name}", compute)

    def thresholds(self, site):
        def compute():  # read, never created on a public GET (a write would drop the memos)
            rules = VolunteerSettings.objects.filter(site=site).first()
            return rules.thresholds if rules else list(DEFAULT_THRESHOLDS)

        return self.memo(site, "thresholds", compute)

    def teams(self, site):
        return self.memo(
            site,
            "teams",
            lambda: list(
                VolunteerTeam.objects.filter(site=site)
                .select_related("leader")
                .defer(*(f"leader__{name}" for name in PRIVATE_FIELDS))
                .order_by("name")
            ),
        )

    def star_counts(self, site):
        def compute():
            counts = dict(
                Volunteer.objects.filter(site=site, star_level__gt=0)
                .order_by()
                .values_list("star_level")
                .annotate(n=Count("pk"))
            )
            return [
                {"level": level, "words": STAR_WORDS[level], "count": counts.get(level, 0)}
                for level in range(5, 0, -1)
            ]

        return self.memo(site, "star-counts", compute)

    def published_periods(self, site):
        return self.memo(
            site,
            "periods",
            lambda: list(CommendationPeriod.objects.filter(site=site, published_at__isnull=False)),
        )

    def volunteers(self, site):
        """The site's volunteers with the name the public may see; figures are stored (stats.py)."""
        return Volunteer.objects.filter(site=site).public()

    # -- routes ----------------------------------------------------------------
    @path("")
    def board(self, request):
        site = self.board_site(request)
        year = timezone.localdate().year
        scope = "all" if request.GET.get("scope") == "all" else "year"
        teams = self.teams(site)
        team_id = int_param(request, "team")
        team = next((t for t in teams if t.pk == team_id), None)
        query = request.GET.get("q", "").replace("\x00", "").strip()[:40]  # PostgreSQL rejects NUL
        star_counts = self.star_counts(site)

        ranking = self.volunteers(site)
        if team:
            ranking = ranking.filter(teams=team)
        ranking = ranking.search_public_name(query)
        if scope == "year":
            ranking = ranking.filter(hours_year=year, year_hours__gt=0).order_by(
                "-year_hours", "masked_name", "pk"
            )
        else:
            ranking = ranking.filter(total_hours__gt=0).order_by("-total_hours", "masked_name", "pk")
        ranking = ranking.prefetch_related(Prefetch("teams", queryset=VolunteerTeam.objects.order_by("name")))
        if query:  # free text: too many variants to memoise
            page_obj = paginate_counting(request, ranking)
        else:
            key = f"count:{scope}:{year}:{team.pk if team else ''}"
            page_obj = paginate_known(request, ranking, self.memo(site, key, ranking.count))
        return self.render(
            request,
            context_overrides={
                "star_counts": star_counts,
                "rated_total": sum(c["count"] for c in star_counts),
                "teams": teams,
                "team": team,
                "query": query,
                "scope": scope,
                "year": year,
                "page_obj": page_obj,
                "rank_offset": page_obj.start_index() - 1 if page_obj.paginator.count else 0,
                "periods": self.published_periods(site),
                "role_model_index": self.memo(site, "role-model-index", self.role_model_index),
            },
        )

    @path("v/<str:public_id>/", name="profile")
    def profile(self, request, public_id):
        site = self.board_site(request)
        year = timezone.localdate().year
        volunteer = (
            self.volunteers(site)
            .select_related("photo")
            .prefetch_related("photo__renditions")
            .filter(public_id=public_id)
            .first()
        )
        if volunteer is None:
            raise Http404("没有找到这位志愿者。")
        extras = self.memo(site, f"profile:{volunteer.pk}", lambda: profile_extras(volunteer))
        by_pk = {t.pk: t for t in self.teams(site)}
        next_level = volunteer.star_level + 1
        to_next = None
        if next_level <= 5:
            to_next = {
                "words": star_words(next_level),
                "hours": self.thresholds(site)[next_level - 1] - volunteer.total_hours,
            }
        return self.render(
            request,
            context_overrides={
                "volunteer": volunteer,
                "star_words": star_words(volunteer.star_level),
                "year_hours": volunteer.hours_in(year),
                "teams": [by_pk[pk] for pk in extras["team_ids"] if pk in by_pk],
                "commendations": extras["commendations"],
                "to_next": to_next,
                "year": year,
            },
            template="volunteers/volunteer_profile.html",
        )

    @path("team/<int:team_id>/", name="team")
    def team(self, request, team_id):
        site = self.board_site(request)
        team = next((t for t in self.teams(site) if t.pk == team_id), None)
        if team is None:
            raise Http404("没有找到这支服务队。")
        members = self.volunteers(site).filter(teams=team).order_by("-total_hours", "masked_name", "pk")
        page_obj = paginate_known(request, members, self.memo(site, f"team-count:{team.pk}", members.count))
        return self.render(
            request,
            context_overrides={
                "team": team,
                "leader": team.leader,
                "team_hours": team.verified_hours,
                "team_records": team.verified_records,
                "page_obj": page_obj,
            },
            template="volunteers/volunteer_team.html",
        )

    @path("period/<int:period_id>/", name="period")
    def period(self, request, period_id):
        site = self.board_site(request)
        period = next((p for p in self.published_periods(site) if p.pk == period_id), None)
        if period is None:
            raise Http404("没有找到这一期评星表彰。")
        entries = period.entries.select_related("volunteer").order_by("-star_level", "-total_hours", "pk")
        only = request.GET.get("show")
        if only == "commended":
            entries = entries.filter(commended=True)
        summary = self.memo(site, f"period-summary:{period.pk}", lambda: period_summary(period))
        count = summary["commended"] if only == "commended" else summary["entries"]
        page_obj = paginate_known(request, entries, count)
        return self.render(
            request,
            context_overrides={
                "period": period,
                "page_obj": page_obj,
                "show": only,
                "star_summary": summary["stars"],
                "commended_count": summary["commended"],
            },
            template="volunteers/commendation_period.html",
        )

    def role_model_index(self):
        return self.get_children().live().type(_role_model_index_type()).first()


def period_summary(period):
    """Entries per star level and the number commended, in one query (a period is frozen)."""
    levels = range(5, 0, -1)
    counts = period.entries.aggregate(
        entries=Count("pk"),
        commended=Count("pk", filter=Q(commended=True)),
        **{f"level_{level}": Count("pk", filter=Q(star_level=level)) for level in levels},
    )
    stars = [{"words": STAR_WORDS[level], "count": counts[f"level_{level}"]} for level in levels]
    return {"stars": stars, "entries": counts["entries"], "commended": counts["commended"]}


def profile_extras(volunteer):
    """A volunteer's team ids and published commendations (memoised per volunteer)."""
    return {
        "team_ids": list(volunteer.teams.order_by("name").values_list("pk", flat=True)),
        "commendations": list(
            CommendationEntry.objects.filter(volunteer=volunteer, period__published_at__isnull=False)
            .select_related("period")
            .order_by("-period__end_date")
        ),
    }


def _role_model_index_type():
    from .role_models import RoleModelIndexPage

    return RoleModelIndexPage
