"""The Markdown editor's preview and upload endpoints, for content staff only.

django-markdownx ships these open to anyone; we mount our own, behind a permission check,
with the same sanitiser readers get and strict image checks.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.views import View

from outlook.media.images import ALT_TEXT_PLACEHOLDER, reencode_image, validate_image_upload
from outlook.media.markdown import MARKDOWN_MAX_CHARS, render_markdown

CONTENT_PERMISSIONS = ("outlook.change_outlook", "outlook.change_issue")


class ContentStaffOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        user = request.user
        if not (user.is_active and user.is_staff):
            return JsonResponse({"error": "Sign in as staff to use the editor."}, status=403)
        if not any(user.has_perm(permission) for permission in CONTENT_PERMISSIONS):
            return JsonResponse({"error": "You may not edit content."}, status=403)
        return super().dispatch(request, *args, **kwargs)


class MarkdownPreviewView(ContentStaffOnlyMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        content = request.POST.get("content")
        if content is None:
            return HttpResponseBadRequest("Send the Markdown to preview in a 'content' field.")
        if len(content) > MARKDOWN_MAX_CHARS:
            return HttpResponseBadRequest(
                f"The text is {len(content):,} characters; the limit is {MARKDOWN_MAX_CHARS:,}."
            )
        return HttpResponse(render_markdown(content))


class ImageUploadView(ContentStaffOnlyMixin, View):
    http_method_names = ["post"]

    def post(self, request):
        upload = request.FILES.get("image")
        if upload is None:
            return JsonResponse({"image": ["Choose an image to upload."]}, status=400)
        try:
            image_format = validate_image_upload(upload)
        except ValidationError as error:
            return JsonResponse({"image": error.messages}, status=400)
        data, name = reencode_image(upload, image_format)
        path = default_storage.save(
            f"{settings.MARKDOWNX_MEDIA_PATH}{name}", ContentFile(data.read())
        )
        return JsonResponse(
            {"image_code": f"![{ALT_TEXT_PLACEHOLDER}]({default_storage.url(path)})"}
        )
