"""The shared cache: Redis with REDIS_URL, files on this machine without it. Purge state lives in
the shared cache, so a second app server (another connection, another process) sees a purge."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.test import Client
from wagtail.models import Site

from notices.factories import NoticePageFactory
from portal.cache_backends import FileCache
from portal.page_cache import keys

ROOT = Path(__file__).resolve().parents[2]


def production_setting(expression, **env_extra):
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")}
    env.update(
        DJANGO_SETTINGS_MODULE="portal.settings.production",
        SECRET_KEY="k" * 60,
        ALLOWED_HOSTS="lishan.example.org",
        **env_extra,
    )
    code = f"from django.conf import settings; print({expression})"
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_redis_url_switches_the_cache_to_redis():
    expression = "settings.CACHES['default']['BACKEND'], settings.CACHES['default'].get('LOCATION')"
    with_redis = production_setting(expression, REDIS_URL="redis://10.0.0.5:6379/1")
    assert "PrefixedRedisCache" in with_redis and "10.0.0.5" in with_redis
    # Without it: files that every worker process of this machine shares.
    assert "portal.cache_backends.FileCache" in production_setting(expression)


def test_lockouts_are_kept_where_every_app_server_sees_them():
    assert settings.AXES_HANDLER == "axes.handlers.database.AxesDatabaseHandler"


def test_two_processes_share_the_file_cache_purges(tmp_path):
    """Two gunicorn workers without Redis: separate cache objects over one folder."""
    worker_a = FileCache(str(tmp_path), {})
    worker_b = FileCache(str(tmp_path), {})
    worker_a.set("pagecache:gen:1", 41, timeout=None)
    worker_a.incr("pagecache:gen:1")
    assert worker_b.get("pagecache:gen:1") == 42


@pytest.mark.redis
@pytest.mark.django_db
def test_a_purge_by_another_app_server_reaches_this_one(notice_index):
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]
    assert isinstance(cache, RedisCache)
    notice = NoticePageFactory(parent=notice_index, slug="tingshui")
    visitor = Client()
    for _ in range(3):
        if visitor.get(notice.url).get("X-Page-Cache") == "hit":
            break
    assert visitor.get(notice.url)["X-Page-Cache"] == "hit"
    # Another app server: its own connection to the same Redis, nothing shared in process.
    other_server = RedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": cache.key_prefix})
    site_id = Site.objects.get(is_default_site=True).pk
    before = other_server.get(f"{keys.PREFIX}:pgen:{site_id}")
    assert before == keys.pages_generation(site_id)
    other_server.incr(f"{keys.PREFIX}:pgen:{site_id}")
    assert visitor.get(notice.url)["X-Page-Cache"] == "miss"


@pytest.mark.redis
def test_clearing_the_cache_leaves_another_installs_keys_on_the_same_redis():
    """Two installs (or two test processes) on one Redis, told apart by KEY_PREFIX: Django's own
    clear() would FLUSHDB and empty the other's pages and memos too."""
    from portal.cache_backends import PrefixedRedisCache

    ours = PrefixedRedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": f"ours-{os.getpid()}"})
    theirs = PrefixedRedisCache(os.environ["REDIS_URL"], {"KEY_PREFIX": f"theirs-{os.getpid()}"})
    ours.set_many({f"page{i}": i for i in range(1500)})
    theirs.set("page", "theirs")
    ours.clear()
    assert ours.get("page0") is None and ours.get("page1499") is None
    assert theirs.get("page") == "theirs"
    theirs.clear()
