"""Admin views: import service hours (upload → preview → confirm) and publish a period."""

import base64
import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.models import Site

from .forms import ImportForm
from .models import CommendationPeriod
from .spreadsheet import SpreadsheetError, file_format, import_file

SESSION_KEY = "volunteers_import"
MAX_UPLOAD = 5 * 1024 * 1024


def require(request, perm):
    if not request.user.has_perm(perm):
        raise PermissionDenied


def import_service_hours(request):
    """Step 1 upload and check; step 2 confirm imports the same file (checked again)."""
    require(request, "volunteers.add_servicerecord")
    sites = Site.objects.order_by("-is_default_site", "site_name", "hostname")
    result = None
    filename = ""

    if request.method == "POST" and request.POST.get("action") == "confirm":
        stored = request.session.get(SESSION_KEY)
        if not stored:
            messages.error(request, "没有待导入的文件，请重新上传。")
            return redirect("volunteers_import")
        site = get_object_or_404(Site, pk=stored["site"])
        data = base64.b64decode(stored["data"])
        try:
            result = import_file(io.BytesIO(data), stored["name"], site, user=request.user)
        except SpreadsheetError as exc:
            messages.error(request, str(exc))
            return redirect("volunteers_import")
        if result.ok:
            del request.session[SESSION_KEY]
            messages.success(
                request,
                f"已导入 {result.imported} 条服务记录，共 {result.total_hours} 小时，已记为由您核实。",
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
        },
    )


def publish_period(request, pk):
    """Confirm, then freeze the period's results."""
    require(request, "volunteers.change_commendationperiod")
    period = get_object_or_404(CommendationPeriod, pk=pk)
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
