"""The Content-Security-Policy header, built once per process instead of once per response.

django-csp builds the header from settings on every response: about a sixth of what a
page-cache hit costs. The site's policy never varies by request (no nonces, no per-view
decorators), so a response that asks for nothing of its own gets the policy built once;
anything else (the admin's own additions, a decorator's policy, a nonce a template used,
DEBUG's error pages) is left to django-csp as before.
"""

from functools import lru_cache

from csp.constants import HEADER, HEADER_REPORT_ONLY
from csp.middleware import CheckableLazyObject
from csp.utils import build_policy
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

from outlook.web.security_headers import ADMIN_PREFIX, ScopedCSPMiddleware

# What django-csp's decorators set on a response to change its policy.
PER_RESPONSE_POLICY = tuple(
    f"_csp_{kind}{suffix}"
    for kind in ("config", "update", "replace", "exempt")
    for suffix in ("", "_ro")
)


@lru_cache(maxsize=2)
def site_policy(*, report_only: bool) -> str:
    return build_policy(report_only=report_only)


@receiver(setting_changed)
def forget_site_policy(*, setting, **kwargs) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        site_policy.cache_clear()


def excluded_prefixes(setting: str) -> tuple[str, ...]:
    return tuple((getattr(settings, setting, None) or {}).get("EXCLUDE_URL_PREFIXES") or ())


class SitePolicyCSPMiddleware(ScopedCSPMiddleware):
    """django-csp's middleware, with readers' policy built once; the admin's scoped as before."""

    def process_response(self, request, response):
        if (
            settings.DEBUG
            or request.path_info.startswith(ADMIN_PREFIX)
            or getattr(request, "_csp_nonce", None) is not None
            or any(hasattr(response, name) for name in PER_RESPONSE_POLICY)
            or HEADER in response
            or HEADER_REPORT_ONLY in response
        ):
            return super().process_response(request, response)
        for header, report_only, setting in (
            (HEADER, False, "CONTENT_SECURITY_POLICY"),
            (HEADER_REPORT_ONLY, True, "CONTENT_SECURITY_POLICY_REPORT_ONLY"),
        ):
            policy = site_policy(report_only=report_only)
            if policy and not request.path_info.startswith(excluded_prefixes(setting)):
                response[header] = policy
        # As django-csp does: a nonce asked for after the header is written is an error.
        request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response
