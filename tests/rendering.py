"""Helpers for tests of what rendering a page costs and what the shared cache keeps."""

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import connection
from django.test.utils import CaptureQueriesContext


def sql_of(client, url, **extra):
    """(response, [SQL]) of one GET of `url`, which must answer 200."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    assert response.status_code == 200, url
    return response, [q["sql"] for q in queries]


def shared_cache_entries():
    """{key: stored bytes} of the shared cache, in memory (tests) or this run's on Redis (CI)."""
    cache = caches["default"]  # the backend itself, not django.core.cache's proxy
    if isinstance(cache, RedisCache):
        client = cache._cache.get_client(write=False)
        keys = list(client.scan_iter(f"{cache.key_prefix}:*", count=1000))
        return {key.decode(): client.get(key) or b"" for key in keys}
    return dict(cache._cache)
