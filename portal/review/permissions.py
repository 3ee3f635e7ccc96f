"""Pages that hold published public records (notices, disclosures) cannot be hidden quietly."""

from functools import cache

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from wagtail.models import Page, PagePermissionTester


@cache
def public_record_models():
    """Page types that are public records: their class sets `is_public_record = True`."""
    return tuple(
        model
        for model in apps.get_models()
        if issubclass(model, Page) and getattr(model, "is_public_record", False)
    )


def holds_public_records(page):
    """Live records below `page`, or permanent ones (disclosures) that were ever published."""
    models = public_record_models()
    content_types = ContentType.objects.get_for_models(*models)
    permanent = [content_types[m] for m in models if getattr(m, "permanent_record", False)]
    return (
        Page.objects.descendant_of(page, inclusive=True)
        .filter(content_type__in=list(content_types.values()))
        .filter(Q(live=True) | Q(content_type__in=permanent, first_published_at__isnull=False))
        .exists()
    )


class PublicRecordsPermissionTester(PagePermissionTester):
    """Nobody, administrators included, makes private, unpublishes, moves or deletes a page
    whose subtree holds published notices: residents would lose them without any trace."""

    def holds_records(self):
        if not hasattr(self, "_holds_records"):
            self._holds_records = holds_public_records(self.page)
        return self._holds_records

    def can_set_view_restrictions(self):
        return not self.holds_records() and super().can_set_view_restrictions()

    def can_unpublish(self):
        return not self.holds_records() and super().can_unpublish()

    def can_delete(self, ignore_bulk=False):
        return not self.holds_records() and super().can_delete(ignore_bulk=ignore_bulk)

    def can_move(self):
        return not self.holds_records() and super().can_move()
