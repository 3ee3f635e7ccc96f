"""Purge the page cache and memos whenever something public pages show is written.

Every save, delete and many-to-many change counts, except for models that public pages never
show or that serving a page writes itself (renditions, search hits, sessions, logs, revisions),
and a page's saves that write only what a draft or a lock changes (DRAFT_FIELDS).
A write always bumps its site's data generation (memos, search, sitemap). Then:
- a page, a row of a page's inline panels (ParentalKey) or a page's many-to-many changes the
  versions of that page, its ancestors, its descendants, the pages that refer to it (Wagtail's
  reference index) and the children lists of its ancestors (keys.py); unless the page may show
  on every page of its site (the home page, top-level pages in the menu, pages whose class sets
  `page_cache_site_wide`, many descendants), which purges the whole site;
- anything else is traced to its site(s): anything with a `site` to that site, anything with a
  `page` to that page's sites, everything else to all sites; those sites are purged whole.
The sub-district's home (`is_district_home`) lists every community's notices: purged whole on
every write.
"""

from django.apps import apps as global_apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from modelcluster.fields import ParentalKey
from wagtail.models import Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_slug_changed, post_page_move

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


# What saving a draft (Wagtail's save_revision) and locking or unlocking a page write of it: the
# live page, all visitors see, is unchanged.
DRAFT_FIELDS = frozenset(
    {
        "latest_revision",
        "latest_revision_created_at",
        "draft_title",
        "has_unpublished_changes",
        "wagtail_admin_comments",
        "locked",
        "locked_at",
        "locked_by",
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
    if isinstance(instance, Page):
        return set(update_fields) <= DRAFT_FIELDS
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


def _purge_now(site_ids, whole_site_ids, version_keys):
    # The data generation first: the middleware stores a response only if it did not change
    # while the response was rendered and its versions read.
    keys.bump(site_ids | whole_site_ids)
    keys.bump_pages(whole_site_ids)
    keys.bump_versions(version_keys)


def _purge(site_ids, whole_site_ids, version_keys=()):
    """Now, and again once the transaction commits: a page rendered from the old data while the
    transaction was open is then never served."""
    whole_site_ids = set(whole_site_ids) | _district_sites()
    site_ids, version_keys = set(site_ids), set(version_keys)
    if not (site_ids or whole_site_ids):
        return
    _purge_now(site_ids, whole_site_ids, version_keys)
    transaction.on_commit(lambda: _purge_now(site_ids, whole_site_ids, version_keys))


def purge(site_ids):
    """Purge these sites whole (and the sub-district homes)."""
    _purge((), site_ids)


def purge_site(site):
    """For writes that send no signal (`QuerySet.update()`, `bulk_create`)."""
    if site is not None:
        purge({site.pk})


def _restrictions_may_change():
    from portal import view_restrictions

    view_restrictions.bump()
    transaction.on_commit(view_restrictions.bump)


# A page with more descendants than this purges its whole site when written, rather than
# listing them all.
MAX_DESCENDANTS = 100


def _ancestor_paths(path, steplen):
    """The tree paths of a page's ancestors, root first (no query)."""
    return [path[:end] for end in range(steplen, len(path), steplen)]


def _site_wide(page, page_class):
    if getattr(page_class, "page_cache_site_wide", False):
        return True
    url_path = page.url_path or ""
    # The site's home page, or a page straight below it (the menu lists those).
    return any(
        url_path.startswith(root.root_path) and url_path[len(root.root_path) :].count("/") <= 1
        for root in Site.get_site_root_paths()
    )


def _referrers(references):
    """(ids of the referring pages, whether anything else refers) for ReferenceIndex rows."""
    page_ids, others = set(), False
    for content_type_id, object_id in references.values_list("base_content_type_id", "object_id"):
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is not None and issubclass(model, Page):
            page_ids.add(object_id)
        else:
            others = True
    return page_ids, others


def _referring_pages(page):
    """(tree path, url path) of the pages that refer to `page`; None if anything else does (a
    snippet or a setting may show on every page)."""
    page_ids, others = _referrers(ReferenceIndex.get_references_to(page))
    if others:
        return None
    return list(Page.objects.filter(pk__in=page_ids).values_list("path", "url_path")) if page_ids else []


def referring_sites(page, subtree=False):
    """The sites of the pages that refer to `page` (or, with `subtree`, to it or any page below
    it): a purge of the page's own site as a whole must reach other communities' links too."""
    if subtree:
        references = ReferenceIndex.get_references_to_in_bulk(Page.objects.filter(path__startswith=page.path))
    else:
        references = ReferenceIndex.get_references_to(page)
    page_ids, _others = _referrers(references)
    sites = set()
    for url_path in Page.objects.filter(pk__in=page_ids).values_list("url_path", flat=True):
        sites |= sites_of_path(url_path or "")
    return sites


def _page_versions(page):
    """(version keys, site ids) a write to `page` changes, or None when its whole site must go."""
    page_class = type(page) if type(page) is not Page else page.specific_class
    if page_class is None or _site_wide(page, page_class):
        return None
    paths = {page.path, *_ancestor_paths(page.path, page.steplen)}
    # Descendants show the page too (breadcrumbs, an issue's number); numchild may be stale.
    below = Page.objects.filter(path__startswith=page.path, depth__gt=page.depth).values_list(
        "path", flat=True
    )
    below = list(below[: MAX_DESCENDANTS + 1])
    if len(below) > MAX_DESCENDANTS:
        return None
    paths.update(below)
    referring = _referring_pages(page)
    if referring is None:
        return None
    # A referring page in another community: its site's memos (fragments) go too.
    site_ids = set()
    for path, url_path in referring:
        paths.add(path)
        site_ids |= sites_of_path(url_path or "")
    kids = {keys.kids_key(path) for path in _ancestor_paths(page.path, page.steplen)}
    return {keys.version_key(path) for path in paths} | kids, site_ids


def purge_page(page):
    site_ids = sites_of_path(page.url_path or "")
    found = _page_versions(page) if site_ids else (set(), set())
    if found is None:
        _purge((), site_ids | referring_sites(page))
    else:
        versions, linked_sites = found
        _purge(site_ids | linked_sites, (), versions)


def _page_of(instance):
    """The page an inline-panel row (ParentalKey to a page) belongs to, or None."""
    for field in instance._meta.concrete_fields:
        if isinstance(field, ParentalKey) and issubclass(field.related_model, Page):
            page_id = getattr(instance, field.attname)
            return Page.objects.filter(pk=page_id).first() if page_id else None
    return None


def _written(sender, instance, **kwargs):
    if kwargs.get("raw") or _ignored(instance, kwargs.get("update_fields")):
        return
    if isinstance(instance, Page | PageViewRestriction):
        _restrictions_may_change()
    if isinstance(instance, Site):
        keys.bump_sites()
        transaction.on_commit(keys.bump_sites)
        # The deleted site too: its pages generation is what sends a host to be looked up again.
        purge(sites_of(instance) | {instance.pk})
        return
    _purge_for(instance, deleted=kwargs.get("signal") is post_delete)


def _purge_for(instance, deleted=False):
    if isinstance(instance, PageViewRestriction):
        _restricted(instance)
        return
    if isinstance(instance, Page):
        # A deleted page's descendants may be gone already (each purges for itself): its site
        # goes whole, with the communities that link to it.
        if deleted and instance.numchild:
            purge(sites_of(instance) | referring_sites(instance))
        else:
            purge_page(instance)
        return
    page = _page_of(instance)
    if page is not None:
        purge_page(page)
    else:
        purge(sites_of(instance))


def _m2m_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and not _ignored(instance):
        _purge_for(instance)


def _moved(sender, instance, url_path_before, url_path_after, **kwargs):
    _restrictions_may_change()
    linked = referring_sites(instance, subtree=True)
    purge(sites_of_path(url_path_before) | sites_of_path(url_path_after) | linked)


def _slug_changed(sender, instance, instance_before, **kwargs):
    # Its URL and its descendants' URLs change, wherever they are linked from.
    purge(sites_of(instance) | referring_sites(instance, subtree=True))


def _restricted(instance):
    """A view restriction hides or shows the page and every page below it, wherever listed."""
    page = Page.objects.filter(pk=instance.page_id).first()
    purge(sites_of(instance) | (referring_sites(page, subtree=True) if page is not None else set()))


def connect():
    post_save.connect(_written, dispatch_uid="page_cache_saved")
    post_delete.connect(_written, dispatch_uid="page_cache_deleted")
    m2m_changed.connect(_m2m_changed, dispatch_uid="page_cache_m2m")
    post_page_move.connect(_moved, dispatch_uid="page_cache_moved")
    page_slug_changed.connect(_slug_changed, dispatch_uid="page_cache_slug_changed")
