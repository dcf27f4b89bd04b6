"""Who is asking, and how often: client addresses and cache-based rate limits."""

import ipaddress

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac


def client_address(request) -> str:
    """Return the client's address, trusting X-Forwarded-For only as far as settings say.

    Each trusted proxy appends the address it saw, so the Nth entry from the right is the
    last one a trusted proxy wrote; anything left of it is the client's own claim.
    """
    trusted = settings.SIGNUP_TRUSTED_PROXY_COUNT
    address = request.META.get("REMOTE_ADDR", "")
    if trusted > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        hops = [hop for hop in hops if hop]
        if len(hops) >= trusted:
            address = hops[-trusted]
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return "unknown"


def hash_address(address: str) -> str:
    """Return a keyed hash of an address: comparable, but not reversible without the key."""
    return salted_hmac(
        "accounts.signup.ip", address, secret=settings.SIGNUP_IP_HASH_KEY, algorithm="sha256"
    ).hexdigest()


def hit(bucket: str, key: str, *, limit: int, window: int) -> bool:
    """Count one attempt; return False once `limit` attempts were made in this window.

    add() then incr() is atomic on Redis, so every process shares one count.
    """
    cache_key = f"signup-rate:{bucket}:{key}"
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add() and incr()
        cache.add(cache_key, 1, timeout=window)
        count = 1
    return count <= limit
