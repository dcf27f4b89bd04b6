"""How outlook/settings.py reads the environment: typed variables, secrets, derived settings.

Kept apart so the settings module is a list of settings, and each rule for reading a variable
(what counts as true, what production refuses) has one home.
"""

import os

from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool = False) -> bool:
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_choice(name: str, choices, default: str) -> str:
    """Return the variable (trimmed, lower case), refusing to start on a value not listed."""
    value = os.environ.get(name, default).strip().lower()
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {', '.join(c for c in choices if c)}.")
    return value


def required_in_production(name: str, *, production: bool, development: str) -> str:
    """Return the variable; production refuses to start without it, development has a default."""
    value = os.environ.get(name, "")
    if value:
        return value
    if production:
        raise ImproperlyConfigured(f"{name} must be set when DJANGO_ENV=production.")
    return development


def redis_cache(url: str, prefix: str) -> dict:
    return {
        "BACKEND": "outlook.web.redis_cache.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": prefix,
        # A Redis outage must slow pages down, not hang them.
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }


def origin(url: str) -> str:
    """Return scheme://host[:port] of a URL, as a CSP source."""
    scheme, _, rest = url.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def media_sources(media_url: str, bucket: str) -> list[str]:
    """Return the hosts images are served from besides our own, which the CSP must allow."""
    sources = [origin(media_url)] if "://" in media_url else []
    if not bucket:
        return sources
    custom_domain = os.environ.get("MEDIA_S3_CUSTOM_DOMAIN")
    endpoint_url = os.environ.get("MEDIA_S3_ENDPOINT_URL")
    region = os.environ.get("MEDIA_S3_REGION")
    if custom_domain:
        return [*sources, f"https://{custom_domain}"]
    if endpoint_url:
        # Path-style (endpoint/bucket/…) or virtual-hosted (bucket.endpoint/…) URLs.
        endpoint = origin(endpoint_url)
        scheme, _, host = endpoint.partition("://")
        return [*sources, endpoint, f"{scheme}://{bucket}.{host}"]
    sources.append(f"https://{bucket}.s3.amazonaws.com")
    if region:
        sources.append(f"https://{bucket}.s3.{region}.amazonaws.com")
    return sources
