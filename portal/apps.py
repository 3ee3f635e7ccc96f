from django.apps import AppConfig
from django.core.signals import request_started
from django.db.models.signals import post_delete, post_migrate, post_save, pre_save


class PortalConfig(AppConfig):
    """Cross-app code: roles, stable keys, provisioning, site settings, base templates and forms."""

    name = "portal"
    verbose_name = "站点"

    def ready(self):
        from wagtail.models import Site

        from . import checks, workdays  # noqa: F401
        from .models import WorkdayOverride
        from .page_cache import purge
        from .provisioning import provision_all_sites, provision_new_site, provision_section_site
        from .slugs import make_slug_ascii
        from .spreadsheets import protect_wagtail_exports
        from .view_restrictions import install as memoize_view_restrictions

        post_migrate.connect(provision_all_sites, sender=self, dispatch_uid="portal_provision_all")
        post_save.connect(provision_new_site, sender=Site, dispatch_uid="portal_provision_site")
        post_save.connect(provision_section_site, dispatch_uid="portal_provision_section")
        protect_wagtail_exports()
        # The working-day clock reads each year's overrides once per request cycle.
        request_started.connect(workdays.clear_cache, dispatch_uid="portal_workdays_request")
        post_save.connect(workdays.clear_cache, sender=WorkdayOverride, dispatch_uid="portal_workdays_save")
        post_delete.connect(
            workdays.clear_cache, sender=WorkdayOverride, dispatch_uid="portal_workdays_delete"
        )
        pre_save.connect(make_slug_ascii, dispatch_uid="portal_ascii_slugs")
        purge.connect()
        memoize_view_restrictions()
