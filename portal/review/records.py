"""The canonical public content of a page: what an approval covers."""

from .fingerprint import fingerprint

# Page bookkeeping that residents never see and that changes without anyone editing content.
BOOKKEEPING_FIELDS = {
    "pk",
    "id",
    "page_ptr",
    "path",
    "depth",
    "numchild",
    "translation_key",
    "locale",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "content_type",
    "url_path",
    "alias_of",
    "expired",
    "held_revision",
    "wagtail_admin_comments",
    "comments",
}


def content_record(page):
    """A JSON-ready dict of the page's public content (a draft from a revision or the live page).

    Page types that publish figures define `public_record()` themselves (financial disclosures);
    other pages use their serialised fields minus bookkeeping.
    """
    if hasattr(page, "public_record"):
        return page.public_record()
    data = page.serializable_data()
    return {
        "type": page._meta.label_lower,
        "page_id": page.pk,
        "content": {key: value for key, value in data.items() if key not in BOOKKEEPING_FIELDS},
    }


def revision_fingerprint(revision):
    return fingerprint(content_record(revision.as_object()))
