from django.apps import AppConfig
from django.db.models.signals import post_migrate, post_save


class PortalConfig(AppConfig):
    """Cross-app code: roles, stable keys, provisioning, site settings, base templates and forms."""

    name = "portal"
    verbose_name = "站点"

    def ready(self):
        from wagtail.models import Site

        from . import checks  # noqa: F401
        from .provisioning import provision_all_sites, provision_new_site, provision_section_site
        from .spreadsheets import protect_wagtail_exports
        from .view_restrictions import install as memoize_view_restrictions

        post_migrate.connect(provision_all_sites, sender=self, dispatch_uid="portal_provision_all")
        post_save.connect(provision_new_site, sender=Site, dispatch_uid="portal_provision_site")
        post_save.connect(provision_section_site, dispatch_uid="portal_provision_section")
        protect_wagtail_exports()
        memoize_view_restrictions()
