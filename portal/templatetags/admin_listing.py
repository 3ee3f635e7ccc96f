"""The page explorer's extensions: pages that open on their children, and header buttons that
apps add for a page (hook `explorer_header_buttons(page, user)`)."""

from django import template
from wagtail import hooks

register = template.Library()


@register.filter
def opens_on_children(page):
    """Whether a page's title in a listing leads to its children rather than its form
    (page classes set `admin_opens_on_children = True`, e.g. an issue opens on its articles)."""
    return bool(getattr(page.specific_class, "admin_opens_on_children", False))


@register.simple_tag
def explorer_header_buttons(buttons, page, user):
    """`buttons` followed by the buttons apps add for `page`'s listing."""
    extra = []
    for hook in hooks.get_hooks("explorer_header_buttons"):
        extra.extend(button for button in hook(page=page, user=user) if button is not None)
    return [*extra, *(buttons or [])]
