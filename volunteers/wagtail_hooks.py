"""Admin for volunteer records (viewsets in one 志愿服务 menu), the import view and home sections."""

import django_filters
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import DeleteView
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.models import Site
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home.sections import HomeSection

from . import admin_views, provisioning
from .consent import consent_withdrawn
from .forms import ServiceRecordForm
from .models import (
    CommendationPeriod,
    ImportBatch,
    PointsTransaction,
    RoleModelPage,
    ServiceRecord,
    Volunteer,
    VolunteerBoardPage,
    VolunteerSettings,
    VolunteerTeam,
)
from .models.records import deletion_problem
from .models.role_models import share_names_without_consent
from .models.settings import star_words
from .search import search_result_types


class VolunteerTeamViewSet(ModelViewSet):
    model = VolunteerTeam
    icon = "group"
    menu_label = "服务队"
    list_display = ["name", "leader", "site"]
    list_filter = ["site"]
    search_fields = ["name", "description"]
    search_backend_name = None


class VolunteerViewSet(ModelViewSet):
    model = Volunteer
    icon = "user"
    menu_label = "志愿者"
    list_display = ["number", "real_name", "masked_name", "joined_on", "publish_consent"]
    list_filter = ["teams", "publish_consent", "site"]
    search_fields = ["number", "real_name", "masked_name"]
    search_backend_name = None
    list_per_page = 50


class ServiceRecordFilterSet(WagtailFilterSet):
    verified = django_filters.BooleanFilter(
        label="已核实", field_name="verified_at", lookup_expr="isnull", exclude=True
    )
    date = django_filters.DateFromToRangeFilter(label="服务日期")

    class Meta:
        model = ServiceRecord
        fields = ["team", "verified", "date"]


class ServiceRecordViewSet(ModelViewSet):
    model = ServiceRecord
    icon = "time"
    menu_label = "服务记录"
    list_display = ["date", "volunteer", "hours", "activity", "team", "verified_by", "verified_at"]
    filterset_class = ServiceRecordFilterSet
    search_fields = ["activity", "volunteer__number", "volunteer__real_name"]
    search_backend_name = None
    list_per_page = 50
    edit_handler = ObjectList(
        [
            FieldPanel("volunteer"),
            FieldRowPanel([FieldPanel("date"), FieldPanel("hours")]),
            FieldPanel("activity"),
            FieldPanel("team"),
            FieldPanel("verify"),
        ],
        base_form_class=ServiceRecordForm,
    )

    def get_queryset(self, request):
        return ServiceRecord.objects.select_related("volunteer", "team", "verified_by")


class PointsTransactionDeleteView(DeleteView):
    """Deleting earned points that were already spent would leave a negative balance."""

    def form_valid(self, form):
        problem = deletion_problem(self.object)
        if problem:
            messages.error(self.request, problem)
            return redirect(self.get_success_url())
        return super().form_valid(form)


class PointsTransactionViewSet(ModelViewSet):
    model = PointsTransaction
    delete_view_class = PointsTransactionDeleteView
    icon = "success"
    menu_label = "公益银行积分"
    list_display = ["date", "volunteer", "points", "reason", "note"]
    list_filter = ["reason", "date"]
    search_fields = ["note", "volunteer__number", "volunteer__real_name"]
    search_backend_name = None
    list_per_page = 50

    def get_queryset(self, request):
        return PointsTransaction.objects.select_related("volunteer")


class PublishColumn(Column):
    """发布 link, or when the period is published, its date."""

    def get_value(self, instance):
        if instance.published_at:
            return f"已发布（{instance.published_at:%Y-%m-%d}）"
        url = reverse("volunteers_publish_period", args=[instance.pk])
        return format_html('<a class="button button-small" href="{}">发布</a>', url)


class CommendationPeriodViewSet(ModelViewSet):
    model = CommendationPeriod
    icon = "pick"
    menu_label = "评星表彰期"
    list_display = ["title", "start_date", "end_date", "commendation", PublishColumn("publish", label="发布")]
    list_filter = ["site"]
    search_fields = ["title"]
    search_backend_name = None


class ReadOnlyPermissionPolicy(ModelPermissionPolicy):
    """Batches are made by imports and undone by the undo view, never added or edited by hand."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change", "delete") and super().user_has_permission(user, action)


register_permission_policy(ImportBatch, ReadOnlyPermissionPolicy(ImportBatch))


class UndoColumn(Column):
    """撤销 link while the batch can still be undone, otherwise its state."""

    def get_value(self, instance):
        if instance.undone_at:
            return f"已撤销（{timezone.localtime(instance.undone_at):%Y-%m-%d}）"
        if not instance.can_still_undo():
            return "已过撤销期限"
        url = reverse("volunteers_undo_import", args=[instance.pk])
        return format_html('<a class="button button-small button-secondary" href="{}">撤销</a>', url)


class ImportBatchViewSet(ModelViewSet):
    model = ImportBatch
    icon = "upload"
    menu_label = "导入批次"
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "__str__",
        "imported_at",
        "imported_by",
        "row_count",
        "total_hours",
        UndoColumn("undo", label="撤销"),
    ]
    list_filter = ["site"]
    search_fields = ["filename", "sha256"]
    search_backend_name = None
    form_fields = ["filename"]  # required by ModelViewSet; nobody may add or edit (see the policy)
    inspect_view_fields = [
        "site",
        "filename",
        "sha256",
        "row_count",
        "total_hours",
        "imported_at",
        "imported_by",
        "undone_at",
        "undone_by",
    ]

    def get_queryset(self, request):
        return ImportBatch.objects.select_related("imported_by", "site")


class VolunteerGroup(ModelViewSetGroup):
    menu_label = "志愿服务"
    menu_icon = "group"
    menu_order = 250
    items = [
        VolunteerViewSet("volunteers_volunteer"),
        VolunteerTeamViewSet("volunteers_volunteerteam"),
        ServiceRecordViewSet("volunteers_servicerecord"),
        PointsTransactionViewSet("volunteers_pointstransaction"),
        CommendationPeriodViewSet("volunteers_commendationperiod"),
        ImportBatchViewSet("volunteers_importbatch"),
    ]


@hooks.register("register_admin_viewset")
def register_viewsets():
    return VolunteerGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("volunteers/import/", admin_views.import_service_hours, name="volunteers_import"),
        path("volunteers/export/", admin_views.export_service_hours, name="volunteers_export"),
        path("volunteers/import/<int:pk>/undo/", admin_views.undo_import, name="volunteers_undo_import"),
        path(
            "volunteers/periods/<int:pk>/publish/",
            admin_views.publish_period,
            name="volunteers_publish_period",
        ),
    ]


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action("volunteers.import", "导入服务时长", "导入服务时长")
    actions.register_action("volunteers.import_undone", "撤销导入批次", "撤销导入批次")


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return PermissionMenuItem(
        "导入服务时长",
        reverse("volunteers_import"),
        name="volunteers-import",
        icon_name="upload",
        order=251,
        permission="volunteers.add_servicerecord",
    )


# -- home page sections -------------------------------------------------------------


def _board_for(home_page):
    return VolunteerBoardPage.objects.descendant_of(home_page).live().public().first()


@hooks.register("home_page_sections")
def volunteers_section(request, home_page):
    board = _board_for(home_page)
    if board is None:
        return None
    site = Site.find_for_request(request) or home_page.get_site()
    rules = VolunteerSettings.for_site(site)
    top = list(
        Volunteer.objects.filter(site=site)
        .with_stats(rules)
        .filter(total_hours__gt=0)
        .order_by("-total_hours", "masked_name", "pk")[:5]
    )
    board_url = board.get_url(request)
    items = [
        {
            "name": v.public_name,
            "stars": star_words(v.star_level),
            "level": v.star_level,
            "hours": v.total_hours,
            "url": board_url + board.reverse_subpage("profile", args=[v.public_id]),
        }
        for v in top
    ]
    return HomeSection(
        "volunteers",
        "志愿服务星级榜",
        template="volunteers/includes/home_volunteers.html",
        stylesheet="volunteers/volunteers.css",
        context={"items": items},
        more_url=board_url,
        more_label="查看星级榜",
    )


@hooks.register("home_page_sections")
def role_models_section(request, home_page):
    board = _board_for(home_page)
    if board is None:
        return None
    index = board.role_model_index()
    if index is None:
        return None
    pages = list(index.specific.role_models().order_by("-first_published_at", "pk")[:3])
    share_names_without_consent(pages, site=Site.find_for_request(request) or home_page.get_site())
    if not pages:
        return None
    return HomeSection(
        "role_models",
        "身边的榜样",
        template="volunteers/includes/home_role_models.html",
        stylesheet="volunteers/volunteers.css",
        context={"pages": pages},
        more_url=index.get_url(request),
        more_label="查看全部榜样",
    )


@hooks.register("after_edit_page")
def revoke_role_model_consent_at_once(request, page):
    """Unticking consent takes effect on the live page even when only a draft is saved."""
    if not isinstance(page, RoleModelPage) or page.publish_consent:
        return
    if RoleModelPage.objects.filter(pk=page.pk, publish_consent=True).update(publish_consent=False):
        consent_withdrawn(role_model=RoleModelPage.objects.get(pk=page.pk))


@hooks.register("provision_community")
def provision_community(site):
    provisioning.provision(site)


@hooks.register("register_stable_keys")
def register_stable_keys():
    return provisioning.stable_keys()


hooks.register("register_search_result_types", search_result_types)
