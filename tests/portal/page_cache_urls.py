"""The project's URLs plus one public view that sets a cookie, for the page cache tests."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def sets_a_cookie(request):
    response = HttpResponse("你好")
    response.set_cookie("visited", "1")
    return response


urlpatterns = [path("set-cookie/", sets_a_cookie), *portal_urlpatterns]
