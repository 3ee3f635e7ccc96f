from django import template

from notices.money import yuan as format_yuan

register = template.Library()


@register.filter
def yuan(amount):
    """Decimal -> '12,500.00'."""
    return format_yuan(amount) if amount is not None else ""
