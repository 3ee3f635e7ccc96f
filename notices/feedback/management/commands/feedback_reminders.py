"""Daily: email each community's staff the reports near or past their deadline, and its 监委会
the overdue ones. Safe to run more than once a day (each community is reminded once)."""

from django.core.management.base import BaseCommand
from wagtail.models import Site

from portal.communities import community_name
from portal.workdays import is_working_day

from ...reminders import remind


class Command(BaseCommand):
    help = "给各社区工作人员发送临近或超过答复期限的居民反映，给监委会发送已超期的（每天一次）。"

    def add_arguments(self, parser):
        parser.add_argument("--all-days", action="store_true", help="节假日也发送。")

    def handle(self, *args, all_days=False, **options):
        from django.utils import timezone

        today = timezone.localdate()
        if not all_days and not is_working_day(today):
            self.stdout.write("今天不是工作日，不发送。")
            return
        for site in Site.objects.select_related("root_page"):
            result = remind(site, today)
            name = community_name(site)
            if result is None:
                self.stdout.write(f"{name}：没有需要提醒的，或今天已经提醒过。")
            else:
                self.stdout.write(f"{name}：提醒工作人员 {result[0]} 件，监委会 {result[1]} 件。")
