from django.conf import settings
from django.contrib import admin
from django.http import HttpResponsePermanentRedirect
from django.templatetags.static import static
from django.urls import include, path
from django.views.static import serve

from outlook import editor_views

urlpatterns = [
    path("admin/", admin.site.urls),
    path(
        "markdownx/markdownify/",
        editor_views.MarkdownPreviewView.as_view(),
        name="markdownx_markdownify",
    ),
    path("markdownx/upload/", editor_views.ImageUploadView.as_view(), name="markdownx_upload"),
    # Browsers ask for /favicon.ico on pages that name no icon, such as the admin's.
    # Resolved per request: hashed static names exist only once collectstatic has run.
    path("favicon.ico", lambda request: HttpResponsePermanentRedirect(static("favicon.svg"))),
    path("", include("professions.urls")),
    path("", include("accounts.urls")),
    path("", include("outlook.public_urls")),
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
