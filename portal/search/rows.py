"""What the search page shows of a result whatever the query: its address, its title as the
page itself shows it and the text its snippet is cut from.

Building a result's specific page and reading its search fields is most of what a shown result
costs, and the same results come back search after search. So each page's row is kept in the
shared cache under its site's data generation (a site's memos follow it, see
portal.page_cache.memo: any write on the site, a consent withdrawn or a view restriction
added, makes every row unreachable), the release's code digest, and the page's key and live
revision. The rows of a results page are read together, in one cache read; only those missing
are built from their pages, and kept. Each process also remembers the rows it has seen under
the same names (a bounded dict), so a result it showed before costs no cache read at all.

What is kept is computed exactly as a fresh row is (the page's own public title and search
texts, names masked as the page masks them): it never decides which pages are found (the
index walk does, live and public pages only), only what a found page's row says.
"""

from django.core.cache import cache
from django.db.models import prefetch_related_objects
from django.utils.html import strip_tags
from modelsearch.index import SearchField

from portal.page_cache.memo import TIMEOUT, memo_key

from .backend import flatten


def page_text(page):
    """The page's searchable text other than its title, for the result snippet."""
    parts = []
    for field in page.get_search_fields():
        if isinstance(field, SearchField) and field.field_name != "title":
            try:
                parts.append(flatten(field.get_value(page)))
            except (AttributeError, ValueError):
                continue
    return strip_tags(" ".join(parts))


def result_title(page):
    """The title as the page itself shows it (a role model's name follows their consent)."""
    return getattr(page, "public_title", None) or page.title


def prefetch_snippet_data(pages):
    """What the pages' snippet texts read from related rows, one query per relation rather
    than one per page (a disclosure's line items)."""
    by_relation = {}
    for page in pages:
        for relation in getattr(page, "search_text_prefetch", ()):
            by_relation.setdefault(relation, []).append(page)
    for relation, related_pages in by_relation.items():
        prefetch_related_objects(related_pages, relation)


def build(rows, request):
    """{page key: its row} for these candidate rows, from their specific pages: one query per
    page type. A page deleted meanwhile has none."""
    pks_by_model = {}
    for row in rows:
        if row["model"] is not None:
            pks_by_model.setdefault(row["model"], []).append(row["pk"])
    pages = [page for model, pks in pks_by_model.items() for page in model.objects.filter(pk__in=pks)]
    prefetch_snippet_data(pages)
    return {
        page.pk: {
            "url": page.get_url(request=request),
            "public_title": result_title(page),
            "text": page_text(page),
        }
        for page in pages
    }


# Rows this process has read or built, by the same names: the name holds the site's data
# generation, read from the shared cache on every search, so a write elsewhere is never missed.
# Bounded: forgotten wholesale when full.
_remembered = {}
MAX_REMEMBERED = 2000


def _prefix(site_id):
    # Named as the site's memos are, read once for all the rows of a search.
    return memo_key(site_id, "search-row")


def with_rows(site_id, request, entries):
    """The shown `entries` (and their copies), each with "url", "public_title" (result_title)
    and "text" (page_text) added; a page deleted meanwhile drops out."""
    rows = [row for entry in entries for row in (entry, *entry["copies"])]
    prefix = _prefix(site_id)
    names = {row["pk"]: f"{prefix}:{row['pk']}:{row['live_revision_id']}" for row in rows}
    kept = {name: _remembered[name] for name in names.values() if name in _remembered}
    if len(kept) < len(names):
        kept.update(cache.get_many([name for name in names.values() if name not in kept]))
        missing = [row for row in rows if names[row["pk"]] not in kept]
        if missing:
            fresh = {names[pk]: shown for pk, shown in build(missing, request).items()}
            cache.set_many(fresh, TIMEOUT)
            kept.update(fresh)
        if len(_remembered) + len(kept) > MAX_REMEMBERED:
            _remembered.clear()
        _remembered.update(kept)
    found = []
    for entry in entries:  # this search's own dicts: updated, the kept rows stay as they are
        if names[entry["pk"]] not in kept:
            continue
        for copy in entry["copies"]:
            copy.update(kept.get(names[copy["pk"]], ()))
        entry["copies"] = [copy for copy in entry["copies"] if names[copy["pk"]] in kept]
        entry.update(kept[names[entry["pk"]]])
        found.append(entry)
    return found
