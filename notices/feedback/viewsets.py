"""居民反映 in the admin: the queue (a scoped model index with filters), and the handling page,
staff entry, photos and the monthly problem-handling notice as views of the same viewset. There is
no edit form for what a resident wrote and no delete view: the permission policy refuses both
to everyone, superusers included."""

import django_filters
from django.db.models import F
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from notices.models import NoticeBase
from portal.communities_admin import CommunityModelViewSet, ScopedModelIndexView

from . import access, admin_views
from .models import Feedback
from .models.items import KIND_CHOICES, OPEN_STATUSES, STATUS_CHOICES


class FeedbackPermissionPolicy(ModelPermissionPolicy):
    """Nobody deletes a report, and nobody edits it through a form: it is handled by actions."""

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Feedback, FeedbackPermissionPolicy(Feedback))


class OverdueFilter(django_filters.ChoiceFilter):
    def __init__(self, *args, **kwargs):
        super().__init__(
            *args,
            choices=[("overdue", "已超期"), ("open", "未答复（办理中）"), ("late", "超期答复")],
            **kwargs,
        )

    def filter(self, queryset, value):
        today = timezone.localdate()
        if value == "overdue":
            return queryset.filter(status__in=OPEN_STATUSES, deadline__lt=today)
        if value == "open":
            return queryset.filter(status__in=OPEN_STATUSES)
        if value == "late":
            return queryset.filter(replied_on__gt=F("deadline"))
        return queryset


class FeedbackFilterSet(WagtailFilterSet):
    kind = django_filters.ChoiceFilter(label="类别", choices=KIND_CHOICES)
    status = django_filters.ChoiceFilter(label="状态", choices=STATUS_CHOICES)
    deadline_state = OverdueFilter(label="期限")
    location = django_filters.CharFilter(label="位置", lookup_expr="icontains")
    notice = django_filters.ModelChoiceFilter(label="所涉公示", queryset=lambda request: notices_for(request))

    class Meta:
        model = Feedback
        fields = ["kind", "status", "deadline_state", "location", "notice"]


def notices_for(request):
    """Notices of the user's communities that have objections."""
    if request is None:
        return NoticeBase.objects.none()
    items = access.visible(request.user, Feedback.objects.filter(notice__isnull=False))
    return NoticeBase.objects.filter(pk__in=items.values("notice"))


class DeadlineColumn(Column):
    def get_value(self, instance):
        state = instance.deadline_state()
        return state.label or "—"


class NumberColumn(Column):
    def get_value(self, instance):
        url = reverse("feedback_admin:edit", args=[instance.pk])
        return format_html('<a href="{}">{}</a>', url, instance.number)


class FeedbackIndexView(ScopedModelIndexView):
    add_item_label = "代为登记（电话、来访）"

    def get_base_queryset(self):
        return access.visible(self.request.user, super().get_base_queryset())

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        if access.may_handle_any(self.request.user):
            buttons.append(
                HeaderButton(
                    "生成问题处理情况公告", reverse("feedback_admin:problem_notice"), icon_name="doc-full"
                )
            )
        return buttons


class FeedbackViewSet(CommunityModelViewSet):
    model = Feedback
    icon = "mail"
    menu_label = "居民反映"
    add_to_admin_menu = True
    menu_order = 240
    index_view_class = FeedbackIndexView
    list_select_related = ("assigned_to", "site")
    list_display = [
        NumberColumn("number", label="受理号"),
        "kind",
        "status",
        DeadlineColumn("deadline_state", label="期限状态"),
        "received_on",
        "deadline",
        "location",
        "source",
        "assigned_to",
    ]
    filterset_class = FeedbackFilterSet
    search_fields = ["number", "text", "location"]
    search_backend_name = None
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = False
    form_fields = ["kind"]  # required by ModelViewSet; reports are changed only by the actions

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("new/", admin_views.staff_entry, name="add"),
            path("edit/<int:pk>/", admin_views.handle, name="edit"),
            path("edit/<int:pk>/photo/<str:token>/", admin_views.photo, name="photo"),
            path("problem-notice/", admin_views.problem_notice, name="problem_notice"),
        ]
