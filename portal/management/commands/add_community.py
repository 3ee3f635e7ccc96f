"""manage.py add_community --name 历山名郡社区 --hostname lishan.example.org [--port 443]"""

from django.core.management.base import BaseCommand, CommandError
from django.core.validators import validate_domain_name

from portal.communities import add_community


class Command(BaseCommand):
    help = "新增一个社区：站点、首页、各栏目、社区信息、本社区的用户组、工作流和文件夹。可重复运行。"

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="社区名称，如 历山名郡社区")
        parser.add_argument("--hostname", required=True, help="域名，如 lishan.example.org")
        parser.add_argument("--port", type=int, default=80, help="端口，HTTPS 用 443（默认 80）")
        parser.add_argument("--sub-district", default="", help="所属街道")

    def handle(self, *args, name, hostname, port, sub_district, **options):
        name = name.strip()
        if not name:
            raise CommandError("请填写社区名称。")
        try:
            if hostname not in ("localhost", "127.0.0.1"):
                validate_domain_name(hostname)
        except Exception as error:
            raise CommandError(f"域名 {hostname} 不正确。") from error
        site = add_community(name, hostname, port, sub_district)
        self.stdout.write(self.style.SUCCESS(f"社区“{name}”已就绪：{site.root_url}/"))
