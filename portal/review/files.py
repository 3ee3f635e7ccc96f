"""Files that approved content shows: an image or document used by a live reviewed page keeps
its file, so what residents see cannot change under an approval (upload a new one instead)."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, ReferenceIndex

from .models import ReviewedPageMixin


def reviewed_models():
    from django.apps import apps

    return [m for m in apps.get_models() if issubclass(m, Page) and issubclass(m, ReviewedPageMixin)]


def used_by_live_reviewed_pages(obj):
    """True if a live page whose content needs approval refers to `obj`."""
    if obj.pk is None:
        return False
    page_type = ContentType.objects.get_for_model(Page)
    ids = [
        int(ref.object_id)
        for ref in ReferenceIndex.get_references_to(obj).filter(base_content_type=page_type)
        if ref.object_id.isdigit()
    ]
    return bool(ids) and Page.objects.live().filter(pk__in=ids).type(*reviewed_models()).exists()


SWAP_REFUSED = (
    "这个文件已用于经过审核发布的内容，不能直接替换（否则居民看到的内容未经审核就变了）。"
    "请另外上传新文件，再在内容里换用它并重新提交审核。"
)
