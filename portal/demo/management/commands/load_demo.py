"""Build the demo community 历山名郡社区: site, settings, people and every section's content.

Idempotent: each object is looked up by a natural key before it is created, so a second run
changes nothing. Each section's content is a module of portal.demo with `load(ctx)`.
"""

import os

import qrcode
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from wagtail.models import Page, Site

from home.models import HomePage
from portal import roles
from portal.accounts.models import set_verified_name, verified_name
from portal.demo import communities, feedback, news, notices, volunteers
from portal.demo.media import get_collection, get_or_create_image
from portal.models import CommunitySettings

DEFAULT_DEMO_PASSWORD = "gongkailan2026"

# Each section's demo module, in the order content depends on (news links to notices).
SECTIONS = [notices, news, volunteers, communities, feedback]

DEMO_USERS = [
    # username, display name, role, superuser
    ("admin", "系统管理员", roles.SITE_ADMINS, True),
    ("staff1", "王晓梅", roles.COMMUNITY_STAFF, False),
    ("chief", "李建国", roles.EDITOR_IN_CHIEF, False),
    ("editor1", "赵秀兰", roles.RESIDENT_EDITORS, False),
    ("editor2", "孙立平", roles.RESIDENT_EDITORS, False),
    ("committee1", "周德明", roles.COMMITTEE, False),
    ("committee2", "吴桂英", roles.COMMITTEE, False),
    ("committee3", "郑国强", roles.COMMITTEE, False),
    ("grid1", "刘志强", roles.GRID_WORKERS, False),
]

INTRO = (
    "<p>欢迎来到<b>历山名郡社区</b>公开栏。社区党委、居委会和居务监督委员会在这里公开党务、政务、"
    "居务和财务，发布《名郡生活》《社区快报》，展示志愿者星级和身边的榜样。"
    "有意见建议，欢迎拨打服务热线或到社区服务中心面谈。</p>"
)


class DemoContext:
    """What section demo loaders need: the site, its home page, users and output."""

    def __init__(self, command, site, home, users, port=8000, password=""):
        self.command = command
        self.site = site
        self.home = home
        self.users = users
        self.port = port
        self.password = password
        self.stdout = command.stdout
        self.style = command.style

    def log(self, message):
        self.stdout.write(f"  {message}")


class Command(BaseCommand):
    help = "创建演示社区“历山名郡社区”（可重复运行，不会重复创建）。"

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="数据库里已有用户时什么也不做（make run 使用）。",
        )
        parser.add_argument("--no-index", action="store_true", help="最后不重建搜索索引。")
        parser.add_argument(
            "--port",
            type=int,
            default=int(os.environ.get("PORT", "8000")),
            help="开发服务器的端口：演示社区的网址（127.0.0.1、*.localhost）用它。",
        )

    def handle(self, *args, if_empty=False, no_index=False, port=8000, **options):
        password = os.environ.get("DEMO_PASSWORD")
        if getattr(settings, "PORTAL_ENVIRONMENT", "") == "production" and not password:
            raise CommandError("生产环境下必须先设置环境变量 DEMO_PASSWORD，才能创建演示账号。")
        if if_empty and get_user_model().objects.exists():
            self.use_port(port)
            self.stdout.write("数据库已有内容，跳过演示数据。")
            return
        password = password or DEFAULT_DEMO_PASSWORD

        with transaction.atomic():
            self.use_port(port)
            site, home = self.load_site(port)
            self.load_settings(site)
            users = self.load_users(password)
            ctx = DemoContext(self, site, home, users, port=port, password=password)
            for section in SECTIONS:
                self.stdout.write(f"{section.__name__} …")
                section.load(ctx)
        if not no_index:
            call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("演示社区已就绪：历山名郡社区"))

    def use_port(self, port):
        """The demo's addresses follow the port the server runs on (127.0.0.1 and *.localhost)."""
        Site.objects.filter(hostname__in=["127.0.0.1", "localhost"]).exclude(port=port).update(
            hostname="127.0.0.1", port=port
        )
        Site.objects.filter(hostname__endswith=".localhost").exclude(port=port).update(port=port)

    def load_site(self, port):
        site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
        home = site.root_page.specific if site else None
        if not isinstance(home, HomePage):
            root = Page.get_first_root_node()
            home = HomePage.objects.filter(depth=2).first()
            if home is None:
                home = root.add_child(instance=HomePage(title="历山名郡社区", slug="lishan"))
            if site is None:
                site = Site.objects.create(
                    hostname="127.0.0.1", port=port, root_page=home, is_default_site=True
                )
            else:
                site.root_page = home
                site.save()
        if home.title != "历山名郡社区" or not home.intro:
            home.title = "历山名郡社区"
            home.draft_title = home.title
            home.intro = INTRO
            home.seo_title = "历山名郡社区公开栏"
            home.search_description = "历山名郡社区党务、政务、居务、财务公开，社区报和志愿服务。"
            home.save_revision().publish()
        if site.site_name != "历山名郡社区":
            site.site_name = "历山名郡社区"
            site.save()
        return site, home

    def load_settings(self, site):
        community = CommunitySettings.for_site(site)
        if community.community_name == "历山名郡社区":
            return
        qr = get_or_create_image(
            "历山名郡社区公众号二维码",
            picture=qrcode.make("历山名郡社区微信公众号（演示）").get_image().convert("RGB"),
            collection=get_collection("社区图片"),
        )
        community.community_name = "历山名郡社区"
        community.sub_district = "历山路街道"
        community.description = "历山名郡社区公开栏：公示公告、财务公开、社区报、志愿服务星级榜。"
        community.address = "历山名郡小区12号楼南侧 社区党群服务中心一楼"
        community.office_hours = "周一至周五 8:30—12:00，13:30—17:30（节假日值班）"
        community.hotline = "0531-8866 1234"
        community.wechat_account = "历山名郡社区"
        community.wechat_qr = qr
        community.newspaper_names = "名郡生活、社区快报"
        community.save()

    def load_users(self, password):
        User = get_user_model()
        users = {}
        for username, name, role, superuser in DEMO_USERS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(
                    username=username,
                    # Chinese names read surname first; get_full_name() joins first + last.
                    first_name=name,
                    email=f"{username}@example.org",
                    is_staff=superuser,
                    is_superuser=superuser,
                )
                user.set_password(password)
                user.save()
                user.groups.add(roles.group(role))
            if role in (roles.COMMITTEE, roles.EDITOR_IN_CHIEF) and not verified_name(user):
                set_verified_name(user, name)  # 实名, as a site administrator would record it
            users[username] = user
        return users
