"""Template tags every public page uses: menu, breadcrumbs, sharing metadata."""

import contextlib
import datetime
import hashlib
from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.models import Site

from portal import elder
from portal.page_cache.memo import site_memo

register = template.Library()


def _site_root(context):
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def main_menu(context):
    """Live pages marked 'show in menus' directly under the current site's root."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return []
    # Plain pages: the menu needs only titles, paths and URLs, so no query per page type.
    return site_memo(site.pk, "menu", lambda: list(site.root_page.get_children().live().public().in_menu()))


@register.simple_tag(takes_context=True)
def site_home(context):
    """The current site's root page, or None when no site matches."""
    return _site_root(context)


def _ancestors(request, page):
    """Ancestors from the site's home page down to (but excluding) `page`."""
    site = Site.find_for_request(request) if request else None
    if site is None or page is None or page.pk == site.root_page_id:
        return []
    root = site.root_page

    def load():
        return list(page.get_ancestors().filter(depth__gte=root.depth).filter(path__startswith=root.path))

    # An unsaved page (a preview of a new one) has no id to remember it by.
    return site_memo(site.pk, f"crumbs:{page.pk}:{page.path}", load) if page.pk else load()


@register.inclusion_tag("includes/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    request = context.get("request")
    return {"ancestors": _ancestors(request, page), "page": page, "request": request}


@register.simple_tag(takes_context=True)
def parent_page(context, page):
    """`page`'s parent from the remembered breadcrumbs (no query), or None above the site."""
    ancestors = _ancestors(context.get("request"), page)
    return ancestors[-1] if ancestors else None


@register.filter
def full_url(page, request):
    """The page's absolute URL for sharing and QR codes."""
    return page.get_full_url(request) if page is not None else ""


@register.filter
def in_section(page, section):
    """True if `page` is `section` or one of its descendants (for menu highlighting)."""
    if page is None or section is None or not hasattr(page, "path"):
        return False
    return page.path.startswith(section.path)


@register.filter
def cn_date(value):
    """`2026年10月5日` in a <time> that never breaks across lines (CSS keeps <time> on one line)."""
    if not value:
        return ""
    if isinstance(value, str):  # a block preview or a form's raw value
        with contextlib.suppress(ValueError):  # well formed but impossible, e.g. 2026-13-45
            value = parse_date(value) or value
        if isinstance(value, str):
            return value
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        value = value.date()
    # Digits and hyphens only: nothing to escape (format_html would check each argument).
    return mark_safe(  # noqa: S308
        f'<time datetime="{value.isoformat()}">{value.year}年{value.month}月{value.day}日</time>'
    )


@register.filter
def hours(value):
    """Service hours as residents say them: `12.5 小时`, `12 小时` (never `12.0`)."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    text = f"{number:f}".removesuffix(".0")
    return format_html('<span class="nowrap">{} 小时</span>', text)


@register.tag("sitecache")
def do_sitecache(parser, token):
    """{% sitecache "name" var1 var2 %}…{% endsitecache %}: the rendered fragment, kept in the
    shared cache until anything on the site is written (site_memo, per day, per 长辈版). Only for
    what every visitor sees alike: no user, no form, no private page; previews render afresh."""
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("sitecache needs a name")
    nodelist = parser.parse(("endsitecache",))
    parser.delete_first_token()
    return SiteCacheNode(nodelist, [parser.compile_filter(bit) for bit in bits])


class SiteCacheNode(template.Node):
    def __init__(self, nodelist, parts):
        self.nodelist = nodelist
        self.parts = parts

    def render(self, context):
        request = context.get("request")
        site = Site.find_for_request(request) if request is not None else None
        if site is None or request.method not in ("GET", "HEAD") or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        parts = [str(part.resolve(context)) for part in self.parts]
        parts.append("elder" if elder.is_elder_mode(request) else "")
        digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()[:24]
        html = site_memo(
            site.pk, f"fragment:{digest}", lambda: str(self.nodelist.render(context)), daily=True
        )
        return mark_safe(html)  # noqa: S308 - our own rendered template
