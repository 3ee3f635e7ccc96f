"""Page slugs in plain ASCII: Chinese becomes pinyin (楼道图书角 → lou-dao-tu-shu-jiao), so
addresses are readable and never percent-encoded; text without any letters gets a date slug."""

from django.utils import timezone
from django.utils.text import slugify
from pypinyin import lazy_pinyin

MAX_LENGTH = 60


def pinyin_slug(text):
    """ASCII slug of `text` (Chinese as pinyin, one syllable a word), cut at a word boundary."""
    words = [slugify(word) for word in lazy_pinyin(text or "")]
    slug = "-".join(word for word in words if word)
    while len(slug) > MAX_LENGTH and "-" in slug:
        slug = slug.rsplit("-", 1)[0]
    return slug[:MAX_LENGTH].strip("-")


def date_slug(today=None):
    return (today or timezone.localdate()).strftime("%Y%m%d")


def ascii_slug(text):
    return pinyin_slug(text) or date_slug()


def available_slug(base, parent, page=None):
    """`base`, or `base-2`, `base-3`... whichever no sibling under `parent` uses."""
    from wagtail.models import Page

    siblings = parent.get_children() if parent is not None else Page.objects.none()
    if page is not None and page.pk:
        siblings = siblings.exclude(pk=page.pk)
    taken = set(siblings.filter(slug__startswith=base).values_list("slug", flat=True))
    candidate, suffix = base, 1
    while candidate in taken:
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate


def make_slug_ascii(sender, instance, **kwargs):
    """pre_save of every page: a page saved by any path (code, copy, import) with a non-ASCII
    slug gets its pinyin. Pages with children keep theirs: their descendants' addresses were
    already written from it (the admin's forms convert before that, see PortalPageForm)."""
    from wagtail.models import Page

    if not isinstance(instance, Page) or not instance.slug or instance.slug.isascii() or instance.depth <= 1:
        return
    if instance.pk and instance.numchild:
        return
    parent = instance.get_parent()
    instance.slug = available_slug(ascii_slug(instance.slug), parent, instance)
    instance.set_url_path(parent)
