"""Bump a site's generation whenever something its public pages show is written.

Every save, delete and many-to-many change counts, except for models that public pages never
show or that serving a page writes itself (renditions, search hits, sessions, logs, revisions).
A write is traced to its site(s): a page to the sites whose tree holds it, anything with a `site`
to that site, anything with a `page` to that page's sites, everything else to all sites. The
sub-district's home (`is_district_home`) lists every community's notices, so it is bumped too.
"""

from django.apps import apps as global_apps
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import post_page_move

from . import keys

IGNORED_APPS = frozenset(
    {
        "migrations",
        "sessions",
        "axes",
        "otp_totp",
        "otp_static",
        "admin",
        "contenttypes",
        "wagtailadmin",
        "wagtailsearch",
    }
)
IGNORED_MODELS = frozenset(
    {
        "auth.permission",
        "wagtailcore.revision",
        "wagtailcore.modellogentry",
        "wagtailcore.pagelogentry",
        "wagtailcore.workflowstate",
        "wagtailcore.taskstate",
        "wagtailcore.comment",
        "wagtailcore.commentreply",
        "wagtailcore.pagesubscription",
        "wagtailcore.referenceindex",
        "wagtailcore.uploadedfile",
        "wagtailcore.apitoken",
        "wagtailusers.userprofile",
        "wagtailimages.rendition",
        "wagtailembeds.embed",
        "wagtailsearchpromotions.query",
        "wagtailsearchpromotions.querydailyhits",
        "review.reviewtaskstate",
    }
)


def _ignored(instance, update_fields=None):
    meta = instance._meta
    if meta.apps is not global_apps:  # a migration's historical model: no page is served yet
        return True
    if meta.app_label in IGNORED_APPS or meta.label_lower in IGNORED_MODELS:
        return True
    if update_fields is None:
        return False
    # Signing in only stamps last_login; Wagtail stores a file's size or hash the first time it
    # is asked for them (while a page is being rendered): neither changes what a page shows.
    if isinstance(instance, get_user_model()):
        return set(update_fields) <= {"last_login"}
    return hasattr(instance, "file_hash") and set(update_fields) <= {"file_size", "file_hash"}


def sites_of_path(url_path):
    return {root.site_id for root in Site.get_site_root_paths() if url_path.startswith(root.root_path)}


def _all_sites():
    return set(Site.objects.values_list("pk", flat=True))


def _district_sites():
    sites = Site.objects.select_related("root_page")
    return {s.pk for s in sites if getattr(s.root_page.specific_class, "is_district_home", False)}


def sites_of(instance):
    if isinstance(instance, Page):
        return sites_of_path(instance.url_path or "")
    if isinstance(instance, Site):
        return _all_sites()
    site_id = getattr(instance, "site_id", None)
    if site_id is not None:
        return {site_id}
    page = getattr(instance, "page", None)
    if isinstance(page, Page):
        return sites_of_path(page.url_path or "")
    return _all_sites()


def purge(site_ids):
    """Bump these sites and the sub-district homes now, and again once the transaction commits:
    a page rendered from the old data while the transaction was open is then never served."""
    site_ids = set(site_ids) | _district_sites()
    if not site_ids:
        return
    keys.bump(site_ids)
    transaction.on_commit(lambda: keys.bump(site_ids))


def purge_site(site):
    """For writes that send no signal (`QuerySet.update()`, `bulk_create`)."""
    if site is not None:
        purge({site.pk})


def _restrictions_may_change():
    from portal import view_restrictions

    view_restrictions.bump()
    transaction.on_commit(view_restrictions.bump)


def _written(sender, instance, **kwargs):
    if kwargs.get("raw") or _ignored(instance, kwargs.get("update_fields")):
        return
    if isinstance(instance, Page | PageViewRestriction):
        _restrictions_may_change()
    if isinstance(instance, Site):
        keys.bump_sites()
        transaction.on_commit(keys.bump_sites)
    purge(sites_of(instance))


def _m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and not _ignored(instance):
        purge(sites_of(instance))


def _moved(sender, instance, url_path_before, url_path_after, **kwargs):
    _restrictions_may_change()
    purge(sites_of_path(url_path_before) | sites_of_path(url_path_after))


def connect():
    post_save.connect(_written, dispatch_uid="page_cache_saved")
    post_delete.connect(_written, dispatch_uid="page_cache_deleted")
    m2m_changed.connect(_m2m_changed, dispatch_uid="page_cache_m2m")
    post_page_move.connect(_moved, dispatch_uid="page_cache_moved")
