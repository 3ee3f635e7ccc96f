"""Compare the stored hours, points and star levels with the records they are summed from."""

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Site

from volunteers import stats


class Command(BaseCommand):
    help = "核对志愿者累计时长、本年时长、积分余额、星级和服务队总时长的存储值；--fix 重新计算"

    def add_arguments(self, parser):
        parser.add_argument("--site", help="只核对这个主机名的站点（默认全部站点）")
        parser.add_argument("--fix", action="store_true", help="重新计算有偏差的站点")

    def handle(self, *args, site=None, fix=False, **options):
        sites = Site.objects.all()
        if site:
            sites = sites.filter(hostname=site)
            if not sites:
                raise CommandError(f"没有主机名为 {site} 的站点。")
        drifted = []
        for each in sites.order_by("pk"):
            found = stats.drift(each)
            for obj, field, stored, actual in found:
                self.stdout.write(f"{each.hostname} {obj}：{field} 存储为 {stored}，实际为 {actual}")
            if found:
                drifted.append(each)
                if fix:
                    stats.recompute_site(each)
        if not drifted:
            self.stdout.write("核对通过：所有存储值与服务记录一致。")
        elif fix:
            self.stdout.write(f"已重新计算 {len(drifted)} 个站点。")
        else:
            raise CommandError(f"{len(drifted)} 个站点的存储值与服务记录不一致，可用 --fix 重新计算。")
