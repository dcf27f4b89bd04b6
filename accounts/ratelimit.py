"""Who is asking, and how often: client addresses and cache-based rate limits."""

import ipaddress
import logging

from django.conf import settings
from django.core.cache import caches
from django.utils.crypto import salted_hmac

from accounts.models import normalize_email

logger = logging.getLogger(__name__)


def client_address(request) -> str:
    """Return the client's address, trusting X-Forwarded-For only as far as settings say.

    Each trusted proxy appends the address it saw, so the Nth entry from the right is the
    last one a trusted proxy wrote; anything left of it is the client's own claim. The login
    throttle (django-axes) and the signup limits both count by this address.
    """
    trusted = settings.TRUSTED_PROXY_COUNT
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


def login_client_address(request) -> str | None:
    """The address django-axes records for a sign-in attempt (AXES_CLIENT_IP_CALLABLE)."""
    address = client_address(request)
    return None if address == "unknown" else address


def hash_address(address: str) -> str:
    """Return a keyed hash of an address: comparable, but not reversible without the key."""
    return salted_hmac(
        "accounts.signup.ip", address, secret=settings.SIGNUP_IP_HASH_KEY, algorithm="sha256"
    ).hexdigest()


def hit(bucket: str, key: str, *, limit: int, window: int) -> bool:
    """Count one attempt; return False once `limit` attempts were made in this window.

    add() then incr() is atomic on Redis, so every process shares one count. The counts live
    in their own cache ("ratelimit"), which page caching can never fill or evict.

    If that cache fails, the attempt is allowed (fails open) and logged: a reader's signup
    matters more than the limit while it lasts, and the honeypot still stops simple bots.
    """
    counters = caches["ratelimit"]
    cache_key = f"signup-rate:{bucket}:{key}"
    try:
        counters.add(cache_key, 0, timeout=window)
        try:
            count = counters.incr(cache_key)
        except ValueError:  # expired between add() and incr()
            counters.add(cache_key, 1, timeout=window)
            count = 1
    except Exception:
        logger.warning("rate limit unavailable: allowing the attempt", exc_info=True)
        return True
    return count <= limit


def allow_address(request) -> tuple[bool, str]:
    """Count one reader's form post from this address: (within the limit, the address's hash).

    Counted before any other work, so refused requests stay cheap. Signups and profession
    requests share the count: one address, one budget.
    """
    address_hash = hash_address(client_address(request))
    allowed = hit(
        "ip",
        address_hash,
        limit=settings.SIGNUP_RATE_LIMIT_PER_IP,
        window=settings.SIGNUP_RATE_LIMIT_WINDOW,
    )
    return allowed, address_hash


def allow_email(email: str) -> bool:
    """Count one form post naming this (normalised) address; False past its limit."""
    return hit(
        "email",
        hash_address(normalize_email(email)),
        limit=settings.SIGNUP_RATE_LIMIT_PER_EMAIL,
        window=settings.SIGNUP_RATE_LIMIT_WINDOW,
    )
