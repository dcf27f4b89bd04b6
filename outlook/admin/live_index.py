"""The outlook form's task counts and exposure index, kept current as levels change.

The browser sends the levels chosen in the form to a small staff-only endpoint, which counts
them and computes the index with the one rule (outlook/models/exposure.py), and shows the
fragment it answers. Without JavaScript the form shows the saved counts and index.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.html import format_html

from outlook.models import Exposure
from outlook.models.exposure import EXPOSURE_INDEX_FORMULA, exposure_index

# More levels than any outlook has tasks (the import caps an outlook's rows far below this).
MAX_LEVELS = 500


def exposure_summary_html(*, high: int, medium: int, low: int) -> str:
    """Render the counts and the index of these task counts, as the form shows them."""
    return render_to_string(
        "admin/outlook/outlook/exposure_summary.html",
        {
            "high": high,
            "medium": medium,
            "low": low,
            "index": exposure_index(high=high, medium=medium, low=low),
            "formula": EXPOSURE_INDEX_FORMULA,
        },
    )


class LiveExposureIndexMixin:
    """Mixed into OutlookAdmin: the "Exposure index" fieldset and its preview endpoint."""

    @property
    def media(self):
        return super().media + forms.Media(js=["admin/outlook/live_index.js"])

    def get_urls(self):
        return [
            path(
                "exposure-preview/",
                self.admin_site.admin_view(self.exposure_preview_view),
                name="outlook_outlook_exposure_preview",
            ),
            *super().get_urls(),
        ]

    def get_fieldsets(self, request, obj=None):
        return [
            *super().get_fieldsets(request, obj),
            ("Exposure index", {"fields": ("exposure_summary",)}),
        ]

    def get_readonly_fields(self, request, obj=None):
        return (*super().get_readonly_fields(request, obj), "exposure_summary")

    @admin.display(description="Tasks by exposure")
    def exposure_summary(self, obj):
        counts = (obj.high_count, obj.medium_count, obj.low_count) if obj and obj.pk else (0, 0, 0)
        high, medium, low = counts
        return format_html(
            '<div class="live-exposure-index" data-preview-url="{}" aria-live="polite">{}</div>',
            reverse("admin:outlook_outlook_exposure_preview"),
            exposure_summary_html(high=high, medium=medium, low=low),
        )

    def exposure_preview_view(self, request):
        """Answer the counts and index of the levels given as `level` parameters."""
        if not (self.has_add_permission(request) or self.has_change_permission(request)):
            raise PermissionDenied
        levels = request.GET.getlist("level")
        if len(levels) > MAX_LEVELS:
            return HttpResponseBadRequest(f"Send at most {MAX_LEVELS} levels.")
        unknown = sorted(set(levels) - set(Exposure.values))
        if unknown:
            return HttpResponseBadRequest(
                f"Unknown exposure level: {', '.join(unknown)[:100]}. "
                f"Use {', '.join(Exposure.values)}."
            )
        html = exposure_summary_html(
            high=levels.count(Exposure.HIGH),
            medium=levels.count(Exposure.MEDIUM),
            low=levels.count(Exposure.LOW),
        )
        return HttpResponse(html)
