from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from portal import elder, views
from portal.apps_urls import app_urls
from portal.sitemaps import sitemap_xml

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap_xml, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap/", views.site_map, name="site_map"),
    path("elder-mode/<str:state>/", elder.switch, name="elder_mode"),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Apps with public URLs that are not pages (e.g. notices' record.json) ship a `urls` module.
urlpatterns += app_urls()
urlpatterns += [path("", include(wagtail_urls))]
