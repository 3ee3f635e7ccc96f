"""Helpers the volunteer commands share."""

from django.core.management.base import CommandError
from wagtail.models import Site


def get_site(hostname):
    """The site named on the command line, or the default site."""
    if hostname:
        site = Site.objects.filter(hostname=hostname).first()
        if site is None:
            raise CommandError(f"没有主机名为 {hostname} 的站点。")
        return site
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        raise CommandError("还没有默认站点，请先创建站点或用 --site 指定。")
    return site
