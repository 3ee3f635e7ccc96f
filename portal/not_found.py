"""The site's own Chinese 404 page while DEBUG is on (`make run`), instead of Django's English
debug page; DEBUG_404=1 in the environment brings the debug page back for developers."""

from django.conf import settings
from django.http import Http404
from django.views.defaults import page_not_found


class FriendlyNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Http404) and settings.DEBUG and not settings.DEBUG_404:
            return page_not_found(request, exception)
        return None
