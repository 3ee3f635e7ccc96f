"""Redis cache whose clear() empties only its own keys.

Django's RedisCache.clear() runs FLUSHDB: on a Redis shared with another install, or by several
test processes with their own KEY_PREFIX, one clear would wipe everyone's pages and memos."""

from django.core.cache.backends.redis import RedisCache


class PrefixedRedisCache(RedisCache):
    def clear(self):
        client = self._cache.get_client(write=True)
        batch = []
        for key in client.scan_iter(f"{self.key_prefix}:*", count=1000):
            batch.append(key)
            if len(batch) == 1000:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)
        return True
