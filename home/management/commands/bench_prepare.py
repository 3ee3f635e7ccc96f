"""Part of `make bench` (home/bench/run.py): fills the (temporary) database and prints, as
JSON, the URLs to measure and each one's SQL query count after a warm-up request."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from home.bench import data


class Command(BaseCommand):
    help = "为性能测试生成大量数据（仅用于 make bench 的临时数据库）"

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)

    def handle(self, *args, scale, **options):
        urls = data.build(scale)
        client = Client(HTTP_HOST="127.0.0.1")
        queries = {}
        for name, url in urls.items():
            # A parameter no page reads: the whole-page cache neither answers nor stores it, so
            # this counts what rendering costs (after a warm-up, as the load run measures it).
            counted = url + ("&" if "?" in url else "?") + "bench=count"
            client.get(counted, secure=True)
            with CaptureQueriesContext(connection) as captured:
                status = client.get(counted, secure=True).status_code
            if status != 200:
                raise SystemExit(f"{url}: HTTP {status}")
            queries[name] = len(captured)
        # A whole-page cache, if one is configured, is measured as well (run.py).
        page_cache = any("cache" in name.lower() for name in settings.MIDDLEWARE)
        self.stdout.write(json.dumps({"urls": urls, "queries": queries, "page_cache": page_cache}))
