"""Turns a refused review decision into a Chinese message instead of an error page."""

from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from wagtail.admin import messages
from wagtail.admin.modal_workflow import render_modal_workflow

from .actions import ReviewRefused


class ReviewRefusedMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, ReviewRefused):
            return None
        messages.error(request, str(exception))
        target = request.headers.get("referer") or "/admin/"
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
            target = "/admin/"
        if request.headers.get("x-requested-with") == "XMLHttpRequest":
            return render_modal_workflow(
                request, "", None, {}, json_data={"step": "success", "redirect": target}
            )
        return redirect(target)
