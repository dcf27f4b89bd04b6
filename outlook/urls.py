from django.conf import settings
from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.static import serve

from outlook.admin import editor_views
from outlook.web import health


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico on pages that name no icon, such as the admin's."""

    def get_redirect_url(self, *args, **kwargs):
        # Looked up per request: the hashed name changes with each deployment.
        return static("favicon.svg")


urlpatterns = [
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path(
        "markdownx/markdownify/",
        editor_views.MarkdownPreviewView.as_view(),
        name="markdownx_markdownify",
    ),
    path("markdownx/upload/", editor_views.ImageUploadView.as_view(), name="markdownx_upload"),
    path("", include("professions.urls")),
    path("", include("accounts.urls")),
    path("", include("outlook.reading.public_urls")),
]

if not settings.PRODUCTION:
    # In production the media files come from the web server or object storage.
    urlpatterns.append(
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    )
