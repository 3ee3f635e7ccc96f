"""The shared cache's backends.

PrefixedRedisCache: Django's RedisCache.clear() runs FLUSHDB: on a Redis shared with another
install, or by several test processes with their own KEY_PREFIX, one clear would wipe everyone's
pages and memos.

FileCache: Django's file cache for one machine without Redis, made cheaper for the page cache,
whose every hit reads two or three files: values are stored uncompressed (a page is a few KB;
decompressing it cost more than reading it), keys skip memcached's length checks, and the
folder is counted for MAX_ENTRIES on one write in CULL_EVERY instead of on each (a
listing of up to 20,000 files).
"""

import os
import pickle
import random
from hashlib import md5

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache
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


_MISSING = object()


class FileCache(FileBasedCache):
    # Not Django's suffix: files its backend wrote (compressed) are never read as ours.
    cache_suffix = ".pcache"
    CULL_EVERY = 50

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._writes = 0

    def get(self, key, default=None, version=None):
        try:
            with open(self._key_to_file(key, version), "rb") as f:
                if not self._is_expired(f):
                    return pickle.load(f)  # noqa: S301 - files only this program writes
        except FileNotFoundError:
            pass
        return default

    def _write_content(self, file, timeout, value):
        file.write(pickle.dumps(self.get_backend_timeout(timeout), self.pickle_protocol))
        file.write(pickle.dumps(value, self.pickle_protocol))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        value = self.get(key, _MISSING, version)
        if value is _MISSING:
            return False
        self.set(key, value, timeout, version)
        return True

    def _key_to_file(self, key, version=None):
        name = md5(self.make_key(key, version).encode(), usedforsecurity=False).hexdigest()
        return os.path.join(self._dir, name + self.cache_suffix)

    def _cull(self):
        """Down to MAX_ENTRIES less Django's share (1/CULL_FREQUENCY), on one write in CULL_EVERY:
        the folder stays within MAX_ENTRIES plus CULL_EVERY writes of each process."""
        self._writes += 1
        if self._writes % self.CULL_EVERY != 1:
            return
        files = self._list_cache_files()
        if len(files) < self._max_entries:
            return
        if self._cull_frequency == 0:
            self.clear()
            return
        doomed = len(files) - self._max_entries + self._max_entries // self._cull_frequency
        for name in random.sample(files, min(len(files), doomed)):
            self._delete(name)
