"""The 志愿服务 admin: one menu of model viewsets, and the service-hours tools (import, export,
undo, publish a period) as a viewset of their own."""

import django_filters
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel, FieldRowPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from portal.communities_admin import CommunityModelViewSet, ScopedModelDeleteView

from . import admin_views
from .forms import ServiceRecordForm
from .models import (
    CommendationPeriod,
    ImportBatch,
    PointsTransaction,
    ServiceRecord,
    Volunteer,
    VolunteerTeam,
)
from .models.records import deletion_problem


class VolunteerTeamViewSet(CommunityModelViewSet):
    model = VolunteerTeam
    icon = "group"
    menu_label = "服务队"
    list_display = ["name", "leader", "site"]
    list_filter = ["site"]
    search_fields = ["name", "description"]
    search_backend_name = None


class VolunteerViewSet(CommunityModelViewSet):
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


class ServiceRecordViewSet(CommunityModelViewSet):
    model = ServiceRecord
    site_path = "volunteer__site"
    list_select_related = ("volunteer", "team", "verified_by")
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


class PointsTransactionDeleteView(ScopedModelDeleteView):
    """Deleting earned points that were already spent would leave a negative balance."""

    def form_valid(self, form):
        problem = deletion_problem(self.object)
        if problem:
            messages.error(self.request, problem)
            return redirect(self.get_success_url())
        return super().form_valid(form)


class PointsTransactionViewSet(CommunityModelViewSet):
    model = PointsTransaction
    site_path = "volunteer__site"
    list_select_related = ("volunteer",)
    delete_view_class = PointsTransactionDeleteView
    icon = "success"
    menu_label = "公益银行积分"
    list_display = ["date", "volunteer", "points", "reason", "note"]
    list_filter = ["reason", "date"]
    search_fields = ["note", "volunteer__number", "volunteer__real_name"]
    search_backend_name = None
    list_per_page = 50


class PublishColumn(Column):
    """发布 link, or when the period is published, its date."""

    def get_value(self, instance):
        if instance.published_at:
            return f"已发布（{instance.published_at:%Y-%m-%d}）"
        url = reverse("volunteers_tools:publish_period", args=[instance.pk])
        return format_html('<a class="button button-small" href="{}">发布</a>', url)


class CommendationPeriodViewSet(CommunityModelViewSet):
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
        url = reverse("volunteers_tools:undo_import", args=[instance.pk])
        return format_html('<a class="button button-small button-secondary" href="{}">撤销</a>', url)


class ImportBatchViewSet(CommunityModelViewSet):
    model = ImportBatch
    list_select_related = ("imported_by", "site")
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


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        self.permission = permission
        super().__init__(*args, **kwargs)

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


class ServiceHoursToolsViewSet(ViewSet):
    """导入服务时长 and its companions: admin pages that are not a model's listing."""

    name = "volunteers_tools"
    url_prefix = "volunteers"
    add_to_admin_menu = True
    menu_label = "导入服务时长"
    menu_icon = "upload"
    menu_order = 251

    def get_urlpatterns(self):
        return [
            path("import/", admin_views.import_service_hours, name="import"),
            path("export/", admin_views.export_service_hours, name="export"),
            path("import/<int:pk>/undo/", admin_views.undo_import, name="undo_import"),
            path("periods/<int:pk>/publish/", admin_views.publish_period, name="publish_period"),
        ]

    def get_menu_item(self, order=None):
        return PermissionMenuItem(
            self.menu_label,
            self.menu_url,
            name="volunteers-import",
            icon_name=self.menu_icon,
            order=order or self.menu_order,
            permission="volunteers.add_servicerecord",
        )
