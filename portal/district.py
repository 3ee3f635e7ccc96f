"""The sub-district's (街道) view of all its communities: figures per community, as a page in the
admin and as CSV. Each app adds its columns through the hook `district_figures(sites, today)`,
returning [(key, label, {site id: value})]."""

import csv

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_domain_name
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin import messages
from wagtail.models import Site

from . import roles
from .communities import add_community, community_name
from .spreadsheets import csv_text

FIGURES_HOOK = "district_figures"


def community_sites():
    """Every community's site (not a sub-district's own home)."""
    sites = Site.objects.select_related("root_page").order_by("-is_default_site", "site_name", "hostname")
    return [s for s in sites if not getattr(s.root_page.specific_class, "is_district_home", False)]


def figures(sites, today):
    columns = []
    for fn in hooks.get_hooks(FIGURES_HOOK):
        columns.extend(fn(sites, today))
    return columns


def table(today=None):
    today = today or timezone.localdate()
    sites = community_sites()
    columns = figures(sites, today)
    rows = [
        (community_name(site), site, [values.get(site.pk, 0) for _, _, values in columns]) for site in sites
    ]
    return [label for _, label, _ in columns], rows


def dashboard(request):
    """各社区概况, for the sub-district's roles."""
    if not roles.is_district(request.user):
        raise PermissionDenied
    labels, rows = table()
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = "attachment; filename*=UTF-8''district.csv"
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(["社区", "网址", *labels])
        for name, site, values in rows:
            writer.writerow([csv_text(name), site.root_url, *values])
        return response
    return TemplateResponse(
        request, "portal/district.html", {"labels": labels, "rows": rows, "log": recent_log(rows)}
    )


def recent_log(rows, limit=50):
    """The latest page actions in every community (who did what, when), read-only."""
    from wagtail.log_actions import registry
    from wagtail.models import PageLogEntry

    names = {site.root_page.path: name for name, site, _ in rows}
    length = len(next(iter(names))) if names else 0
    entries = PageLogEntry.objects.select_related("page", "user").order_by("-timestamp")[:limit]
    return [
        {
            "community": names.get(entry.page.path[:length], "") if entry.page else "",
            "entry": entry,
            "label": registry.get_action_label(entry.action),
        }
        for entry in entries
    ]


class CommunityForm(forms.Form):
    name = forms.CharField(label="社区名称", max_length=60, help_text="例如：历山名郡社区")
    hostname = forms.CharField(
        label="域名", max_length=255, help_text="例如：lishan.example.org（要先在域名解析里指向本服务器）"
    )
    port = forms.IntegerField(
        label="端口", initial=443, min_value=1, max_value=65535, help_text="HTTPS 用 443"
    )
    sub_district = forms.CharField(label="所属街道", max_length=60, required=False)

    def clean_hostname(self):
        hostname = self.cleaned_data["hostname"].strip().lower()
        if hostname not in ("localhost", "127.0.0.1"):
            try:
                validate_domain_name(hostname)
            except ValidationError as error:
                raise ValidationError("请填写正确的域名，如 lishan.example.org。") from error
        return hostname


def may_add_communities(user):
    return user.is_active and (user.is_superuser or roles.has_any_role(user, [roles.DISTRICT_ADMINS]))


def add_community_view(request):
    """新增社区: the same steps as `manage.py add_community`."""
    if not may_add_communities(request.user):
        raise PermissionDenied
    form = CommunityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        site = add_community(
            data["name"].strip(), data["hostname"], data["port"], data["sub_district"].strip()
        )
        messages.success(
            request, f"社区“{data['name']}”已就绪：{site.root_url}/ 。请在“用户”里为它的各个角色添加成员。"
        )
        return redirect("district_dashboard")
    return TemplateResponse(request, "portal/add_community.html", {"form": form})
