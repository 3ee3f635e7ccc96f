from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html_join
from wagtail import hooks
from wagtail.models import Site

from notices.money import yuan as format_yuan
from notices.qr import qr_svg

register = template.Library()


@register.simple_tag(takes_context=True)
def feedback_item_url(context, number):
    """The absolute address of a report on the public record, at the community's own address like
    the page's own QR code (for the board's printed sheet)."""
    request = context.get("request")
    try:
        path = reverse("feedback_item", args=[number])
    except NoReverseMatch:
        return ""
    site = Site.find_for_request(request) if request else None
    if site is not None:
        return site.root_url + path
    return request.build_absolute_uri(path) if request else path


@register.filter
def qr(url):
    return qr_svg(url) if url else ""


@register.filter
def yuan(amount):
    """Decimal -> '12,500.00'."""
    return format_yuan(amount) if amount is not None else ""


@register.simple_tag(takes_context=True)
def notice_period_extras(context, page):
    """What other apps add under a notice's 公示期 (hook `notice_period_extras(request, page)`
    returning HTML), e.g. the objections received and 我要提出异议."""
    request = context.get("request")
    parts = [fn(request, page) for fn in hooks.get_hooks("notice_period_extras")]
    return format_html_join("", "{}", ((part,) for part in parts if part))
