"""The pages that tell readers who publishes the site and how it works: about, methodology.

Written in templates, not in the admin: they change with the code (the index formula, the
workflow), so they are reviewed with it.
"""

from django.urls import reverse
from django.views.generic import TemplateView

from outlook.models import EXPOSURE_INDEX_FORMULA, EXPOSURE_SCORES, Exposure
from outlook.reading import seo


class TrustPageView(seo.PageMetaMixin, TemplateView):
    """A fixed page with its own title, description and breadcrumbs."""

    url_name = ""

    def get_breadcrumbs(self):
        return [seo.home_crumb(), (self.page_title, reverse(self.url_name))]


class AboutView(TrustPageView):
    template_name = "outlook/about.html"
    url_name = "outlook:about"
    page_title = "About this publication"
    page_description = (
        "Who publishes Will AI Replace Me?, what an outlook is, and how to reach the editors."
    )


class MethodologyView(TrustPageView):
    template_name = "outlook/methodology.html"
    url_name = "outlook:methodology"
    page_title = "Methodology"
    page_description = (
        "What HIGH, MEDIUM and LOW exposure mean, how the exposure index is computed, "
        "how outlooks are researched and reviewed, and how we correct mistakes."
    )

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            index_formula=EXPOSURE_INDEX_FORMULA,
            exposure_scores=[(level.label, EXPOSURE_SCORES[level]) for level in Exposure],
            **kwargs,
        )
