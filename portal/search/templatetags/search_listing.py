from django import template

from portal.search.listing import result_items

register = template.Library()
register.simple_tag(result_items)
