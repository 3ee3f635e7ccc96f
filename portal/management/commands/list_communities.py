"""manage.py list_communities: every community (site) and its address."""

from django.core.management.base import BaseCommand
from wagtail.models import Site

from portal.communities import community_name


class Command(BaseCommand):
    help = "列出所有社区（站点）和它们的网址。"

    def handle(self, *args, **options):
        for site in Site.objects.order_by("-is_default_site", "hostname"):
            self.stdout.write(f"  {community_name(site)}: {site.root_url}/")
