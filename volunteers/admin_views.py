"""Admin views: import service hours (upload → preview → confirm), undo an imported batch,
export service hours, and publish a period."""

import base64
import io
from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Site

from portal.communities_admin import in_communities
from portal.params import ascii_int

from .forms import ImportForm
from .models import CommendationPeriod, ImportBatch
from .spreadsheet import SpreadsheetError, file_format, import_file, write_file

SESSION_KEY = "volunteers_import"
MAX_UPLOAD = 5 * 1024 * 1024
UNDO_HINT = "7 天内可在“导入批次”里整批撤销"


def require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


def import_service_hours(request):
    """Step 1 upload and check; step 2 confirm imports the same file (checked again)."""
    require(request, "volunteers.add_servicerecord")
    sites = in_communities(
        request.user, Site.objects.order_by("-is_default_site", "site_name", "hostname"), "pk"
    )
    result = None
    filename = ""

    if request.method == "POST" and request.POST.get("action") == "confirm":
        stored = request.session.get(SESSION_KEY)
        if not stored:
            messages.error(request, "没有待导入的文件，请重新上传。")
            return redirect("volunteers_tools:import")
        site = get_object_or_404(sites, pk=stored["site"])
        data = base64.b64decode(stored["data"])
        try:
            result = import_file(io.BytesIO(data), stored["name"], site, user=request.user)
        except SpreadsheetError as exc:
            request.session.pop(SESSION_KEY, None)
            messages.error(request, str(exc))
            return redirect("volunteers_tools:import")
        if result.ok:
            del request.session[SESSION_KEY]
            messages.success(
                request,
                f"已导入 {result.imported} 条服务记录，共 {result.total_hours} 小时，已记为由您核实"
                f"（{result.batch}，{UNDO_HINT}）。",
            )
            return redirect(reverse("volunteers_servicerecord:index"))
        form = ImportForm(sites=sites, initial={"site": site})
        filename = stored["name"]
        messages.error(request, "数据已发生变化，重新检查时发现问题，没有导入任何记录。")
    elif request.method == "POST":
        form = ImportForm(request.POST, request.FILES, sites=sites)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            filename = upload.name
            try:
                file_format(filename)
                if upload.size > MAX_UPLOAD:
                    raise SpreadsheetError("文件太大（超过 5 MB），请分成几个文件导入。")
                data = upload.read()
                result = import_file(io.BytesIO(data), filename, form.cleaned_data["site"], dry_run=True)
            except SpreadsheetError as exc:
                form.add_error("file", str(exc))
                result = None
            else:
                if result.ok:
                    request.session[SESSION_KEY] = {
                        "name": filename,
                        "site": form.cleaned_data["site"].pk,
                        "data": base64.b64encode(data).decode("ascii"),
                    }
                else:
                    request.session.pop(SESSION_KEY, None)
    else:
        form = ImportForm(sites=sites, initial={"site": Site.find_for_request(request)})

    return TemplateResponse(
        request,
        "volunteers/admin/import.html",
        {
            "form": form,
            "result": result,
            "filename": filename,
            "page_title": "导入服务时长",
            "header_icon": "upload",
            "export_sites": sites if request.user.has_perm("volunteers.view_servicerecord") else None,
        },
    )


def undo_import(request, pk):
    """Confirm, then delete every record of one imported batch (refused after 7 days)."""
    require(request, "volunteers.delete_servicerecord")
    batches = in_communities(request.user, ImportBatch.objects.select_related("site", "imported_by"))
    batch = get_object_or_404(batches, pk=pk)
    if request.method == "POST":
        try:
            count = batch.undo(user=request.user)
        except ValidationError as exc:
            for problem in exc.messages:
                messages.error(request, problem)
        else:
            messages.success(request, f"已撤销{batch.label}：删除了 {count} 条服务记录和相应的积分。")
        return redirect(reverse("volunteers_importbatch:index"))
    return TemplateResponse(
        request,
        "volunteers/admin/undo_import.html",
        {
            "batch": batch,
            "problems": batch.undo_problems(),
            "records": batch.records.select_related("volunteer", "team").order_by("date", "pk")[:50],
            "page_title": f"撤销导入：{batch}",
            "header_icon": "undo",
        },
    )


def export_service_hours(request):
    """Download a site's service records as XLSX or CSV (text cells never become formulas)."""
    require(request, "volunteers.view_servicerecord")
    sites = in_communities(request.user, Site.objects.all(), "pk")
    site = get_object_or_404(sites, pk=ascii_int(request.GET.get("site"), default=0))
    ext = ".csv" if request.GET.get("format") == "csv" else ".xlsx"
    response = HttpResponse(
        content_type="text/csv; charset=utf-8"
        if ext == ".csv"
        else "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    filename = f"服务时长-{site.site_name or site.hostname}-{timezone.localdate():%Y%m%d}{ext}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    output = io.BytesIO()
    write_file(output, filename, site)
    response.write(output.getvalue())
    return response


def publish_period(request, pk):
    """Confirm, then freeze the period's results."""
    require(request, "volunteers.change_commendationperiod")
    period = get_object_or_404(in_communities(request.user, CommendationPeriod.objects.all()), pk=pk)
    if request.method == "POST":
        try:
            count = period.publish(user=request.user)
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        else:
            messages.success(request, f"“{period.title}”已发布，冻结了 {count} 位志愿者的星级和表彰结果。")
        return redirect(reverse("volunteers_commendationperiod:index"))
    return TemplateResponse(
        request,
        "volunteers/admin/publish_period.html",
        {"period": period, "page_title": f"发布评星表彰：{period.title}", "header_icon": "pick"},
    )
