"""manage.py clear_cache: empty this install's cache after a change made outside the program
(a restore, a direct SQL fix). On Redis only this install's keys (its CACHE_KEY_PREFIX) go."""

from django.core.cache import caches
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "清空本系统的缓存（页面缓存和各种记忆结果）；直接改过数据库或恢复备份后运行。"

    def handle(self, *args, **options):
        caches["default"].clear()
        self.stdout.write("缓存已清空。")
