"""The public star board: rankings, profiles, team pages and published commendation periods."""

from django.db.models import Count, Prefetch, Sum
from django.http import Http404
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page, Site
from wagtail.search import index

from portal.base_forms import PortalPageForm
from portal.pagination import paginate
from portal.params import ascii_int

from .periods import CommendationEntry, CommendationPeriod
from .records import ServiceRecord, Volunteer, VolunteerTeam
from .settings import STAR_WORDS, VolunteerSettings, star_words

PER_PAGE = 20


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

    def rules(self, request):
        # for_request caches the settings on the request: one query per page view.
        return VolunteerSettings.for_request(request)

    def volunteers(self, request, year=None):
        site = self.board_site(request)
        return Volunteer.objects.filter(site=site).with_stats(self.rules(request), year=year)

    # -- routes ----------------------------------------------------------------
    @path("")
    def board(self, request):
        site = self.board_site(request)
        year = timezone.localdate().year
        scope = "all" if request.GET.get("scope") == "all" else "year"
        teams = list(VolunteerTeam.objects.filter(site=site).order_by("name"))
        team_id = int_param(request, "team")
        team = next((t for t in teams if t.pk == team_id), None)
        query = request.GET.get("q", "").replace("\x00", "").strip()[:40]  # PostgreSQL rejects NUL

        everyone = self.volunteers(request)
        counts = dict(everyone.order_by().values_list("star_level").annotate(n=Count("pk")))
        star_counts = [
            {"level": level, "words": STAR_WORDS[level], "count": counts.get(level, 0)}
            for level in range(5, 0, -1)
        ]

        ranking = self.volunteers(request, year=year)
        if team:
            ranking = ranking.filter(teams=team)
        ranking = ranking.search_public_name(query)
        order_field = "year_hours" if scope == "year" else "total_hours"
        ranking = (
            ranking.filter(**{f"{order_field}__gt": 0})
            .order_by(f"-{order_field}", "masked_name", "pk")
            .prefetch_related(Prefetch("teams", queryset=VolunteerTeam.objects.order_by("name")))
        )
        page_obj = paginate(request, ranking, PER_PAGE)
        periods = CommendationPeriod.objects.filter(site=site, published_at__isnull=False)
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
                "periods": periods,
            },
        )

    @path("v/<str:public_id>/", name="profile")
    def profile(self, request, public_id):
        year = timezone.localdate().year
        volunteer = (
            self.volunteers(request, year=year)
            .prefetch_related(Prefetch("teams", queryset=VolunteerTeam.objects.order_by("name")))
            .filter(public_id=public_id)
            .first()
        )
        if volunteer is None:
            raise Http404("没有找到这位志愿者。")
        commendations = (
            CommendationEntry.objects.filter(volunteer=volunteer, period__published_at__isnull=False)
            .select_related("period")
            .order_by("-period__end_date")
        )
        rules = self.rules(request)
        next_level = volunteer.star_level + 1
        to_next = None
        if next_level <= 5:
            to_next = {
                "words": star_words(next_level),
                "hours": rules.thresholds[next_level - 1] - volunteer.total_hours,
            }
        return self.render(
            request,
            context_overrides={
                "volunteer": volunteer,
                "star_words": star_words(volunteer.star_level),
                "commendations": commendations,
                "to_next": to_next,
                "year": year,
            },
            template="volunteers/volunteer_profile.html",
        )

    @path("team/<int:team_id>/", name="team")
    def team(self, request, team_id):
        site = self.board_site(request)
        team = VolunteerTeam.objects.filter(site=site, pk=team_id).first()
        if team is None:
            raise Http404("没有找到这支服务队。")
        totals = ServiceRecord.objects.filter(team=team, verified_at__isnull=False).aggregate(
            hours=Sum("hours"), records=Count("pk")
        )
        members = self.volunteers(request).filter(teams=team).order_by("-total_hours", "masked_name", "pk")
        page_obj = paginate(request, members, PER_PAGE)
        leader = None
        if team.leader_id:
            leader = Volunteer.objects.filter(pk=team.leader_id).first()
        return self.render(
            request,
            context_overrides={
                "team": team,
                "leader": leader,
                "team_hours": totals["hours"] or 0,
                "team_records": totals["records"],
                "page_obj": page_obj,
            },
            template="volunteers/volunteer_team.html",
        )

    @path("period/<int:period_id>/", name="period")
    def period(self, request, period_id):
        site = self.board_site(request)
        period = CommendationPeriod.objects.filter(
            site=site, pk=period_id, published_at__isnull=False
        ).first()
        if period is None:
            raise Http404("没有找到这一期评星表彰。")
        entries = period.entries.select_related("volunteer").order_by("-star_level", "-total_hours", "pk")
        only = request.GET.get("show")
        if only == "commended":
            entries = entries.filter(commended=True)
        summary = dict(period.entries.order_by().values_list("star_level").annotate(n=Count("pk")))
        commended_count = period.entries.filter(commended=True).count()
        page_obj = paginate(request, entries, PER_PAGE)
        return self.render(
            request,
            context_overrides={
                "period": period,
                "page_obj": page_obj,
                "show": only,
                "star_summary": [
                    {"words": STAR_WORDS[level], "count": summary.get(level, 0)} for level in range(5, 0, -1)
                ],
                "commended_count": commended_count,
            },
            template="volunteers/commendation_period.html",
        )

    def role_model_index(self):
        return self.get_children().live().type(_role_model_index_type()).first()


def _role_model_index_type():
    from .role_models import RoleModelIndexPage

    return RoleModelIndexPage
