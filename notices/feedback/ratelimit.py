"""Counting attempts per address or phone in the shared cache (Redis in production), so every
application server sees the same counts."""

import hashlib

from django.core.cache import cache

from portal.security.lockout import client_ip

# name: (attempts allowed, per seconds)
LIMITS = {
    "submit-ip": (5, 3600),
    "submit-phone": (3, 86400),
    "track-ip": (10, 3600),
}


def _key(name, value):
    # Hashed: no phone number or address sits in the cache, and any value makes a valid key.
    return f"feedback:{name}:{hashlib.sha256(str(value).encode()).hexdigest()[:32]}"


def phone_key(value):
    """The same key for 138 1234 5678, 138-1234-5678 and +8613812345678."""
    digits = "".join(c for c in value or "" if c.isdigit())
    return digits[-11:]


def over_limit(name, value):
    limit, _ = LIMITS[name]
    return (cache.get(_key(name, value)) or 0) >= limit


def count(name, value):
    _, window = LIMITS[name]
    key = _key(name, value)
    if not cache.add(key, 1, window):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, window)


def address(request):
    return client_ip(request) or "unknown"
