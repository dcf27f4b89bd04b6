"""Response headers that limit what a page may load and what may load it.

The Content-Security-Policy comes from settings (django-csp); only the admin's pages get
inline styles on top, since Django's admin and our admin templates use style attributes.
Readers' pages keep no 'unsafe-inline' anywhere.
"""

from csp.middleware import CSPMiddleware

# Only what the admin needs, and only under it.
ADMIN_PREFIX = "/admin/"
ADMIN_CSP_ADDITIONS = {"style-src": ["'unsafe-inline'"]}
# No page uses these browser features: no script, even an injected one, may ask for them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "payment", "usb",
    )
)  # fmt: skip


class ScopedCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, adding the admin's inline styles to the admin's pages only."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(ADMIN_PREFIX) and not report_only:
            parts.update = {**ADMIN_CSP_ADDITIONS, **(parts.update or {})}
        return parts


class SecurityHeadersMiddleware:
    """Add Permissions-Policy and Cross-Origin-Resource-Policy to every response."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        # Other sites' pages may not embed our responses (pages, files, images).
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
