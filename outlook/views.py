from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, TemplateView

from outlook.models import Issue, Outlook

RELATED_LIMIT = 6
OTHER_PROFESSIONS_LIMIT = 24


class OutlookDetailView(DetailView):
    template_name = "outlook/outlook_detail.html"
    context_object_name = "outlook"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Outlook.objects.visible_to(self.request.user).with_page_data(),
            year=self.kwargs["year"],
            profession__slug=self.kwargs["slug"],
        )

    def get_context_data(self, **kwargs):
        return super().get_context_data(**related_outlooks(self.object), **kwargs)


def related_outlooks(outlook: Outlook) -> dict:
    """Return the published outlooks the page links to (a preview links to the same ones)."""
    published = Outlook.objects.published().select_related("issue", "profession")
    return {
        "same_profession": published.filter(profession=outlook.profession_id)
        .exclude(pk=outlook.pk)
        .order_by("-year")[:RELATED_LIMIT],
        "same_category": published.filter(
            issue=outlook.issue_id, profession__category=outlook.profession.category_id
        )
        .exclude(pk=outlook.pk)
        .order_by("profession__name")[:RELATED_LIMIT],
        "other_professions": published.filter(issue=outlook.issue_id)
        .exclude(profession__category=outlook.profession.category_id)
        .order_by("profession__name")[:OTHER_PROFESSIONS_LIMIT],
    }


class HomeView(TemplateView):
    """The latest published issue and its outlooks."""

    template_name = "outlook/home.html"

    def get_context_data(self, **kwargs):
        issue = Issue.objects.published().first()
        outlooks = (
            cover_order(Outlook.objects.published().filter(issue=issue))
            if issue
            else Outlook.objects.none()
        )
        return super().get_context_data(
            issue=issue,
            cover_picture=issue.cover_picture if issue else None,
            outlooks=outlooks,
            **kwargs,
        )


def cover_order(outlooks):
    """Order an issue's outlooks as its cover lists them."""
    return outlooks.select_related("profession__category").order_by(
        "profession__category__name", "profession__name"
    )
