"""The file cache one machine's workers share without Redis (portal.cache_backends.FileCache):
Django's file cache, uncompressed, culled on one write in CULL_EVERY."""

import time

from django.core.cache.backends.filebased import FileBasedCache

from portal.cache_backends import FileCache


def test_values_round_trip_uncompressed(tmp_path):
    cache = FileCache(str(tmp_path), {})
    page = {"content": "电梯年检结果公示".encode() * 100, "tags": {"ver:0001": 7}}
    cache.set("page", page, timeout=60)
    assert cache.get("page") == page
    assert cache.get_many(["page", "missing"]) == {"page": page}
    assert cache.get("missing", "default") == "default"
    (stored,) = tmp_path.glob("*.pcache")
    assert "电梯年检结果公示".encode() * 10 in stored.read_bytes()  # not compressed


def test_expiry_touch_incr_add_delete(tmp_path):
    cache = FileCache(str(tmp_path), {})
    cache.set("short", 1, timeout=1)
    assert cache.touch("short", timeout=60)
    assert not cache.touch("missing")
    cache.set("gone", 1, timeout=-1)
    assert cache.get("gone") is None
    assert cache.add("counter", 41)
    assert not cache.add("counter", 0)
    assert cache.incr("counter") == 42
    assert cache.delete("counter") and cache.get("counter") is None
    time.sleep(1.1)
    assert cache.get("short") == 1


def test_files_of_djangos_own_backend_are_never_read(tmp_path):
    """A folder that held Django's compressed files (before an upgrade) reads as empty."""
    FileBasedCache(str(tmp_path), {}).set("pagecache:gen:1", 41, timeout=None)
    cache = FileCache(str(tmp_path), {})
    assert cache.get("pagecache:gen:1") is None
    cache.set("pagecache:gen:1", 7, timeout=None)
    assert cache.get("pagecache:gen:1") == 7


def test_the_folder_is_kept_under_max_entries(tmp_path):
    cache = FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 20, "CULL_FREQUENCY": 2}})
    for i in range(5 * FileCache.CULL_EVERY):
        cache.set(f"k{i}", i)
    # Culled on one write in CULL_EVERY: at most that many past the limit.
    assert len(list(tmp_path.glob("*.pcache"))) <= 20 + FileCache.CULL_EVERY


def test_the_folder_is_listed_on_one_write_in_cull_every(tmp_path, monkeypatch):
    cache = FileCache(str(tmp_path), {})
    listings = []
    listed = cache._list_cache_files
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listings.append(1) or listed())
    for i in range(2 * FileCache.CULL_EVERY):
        cache.set(f"k{i}", i)
    assert len(listings) == 2
