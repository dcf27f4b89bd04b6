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
        outlook = self.object
        published = Outlook.objects.published().select_related("issue", "profession")
        return super().get_context_data(
            same_profession=published.filter(profession=outlook.profession_id)
            .exclude(pk=outlook.pk)
            .order_by("-year")[:RELATED_LIMIT],
            same_category=published.filter(
                issue=outlook.issue_id, profession__category=outlook.profession.category_id
            )
            .exclude(pk=outlook.pk)
            .order_by("profession__name")[:RELATED_LIMIT],
            other_professions=published.filter(issue=outlook.issue_id)
            .exclude(profession__category=outlook.profession.category_id)
            .order_by("profession__name")[:OTHER_PROFESSIONS_LIMIT],
            **kwargs,
        )


class HomeView(TemplateView):
    """The latest published issue and its outlooks."""

    template_name = "outlook/home.html"

    def get_context_data(self, **kwargs):
        issue = Issue.objects.published().first()
        outlooks = (
            Outlook.objects.published()
            .filter(issue=issue)
            .select_related("profession__category")
            .order_by("profession__category__name", "profession__name")
            if issue
            else Outlook.objects.none()
        )
        return super().get_context_data(
            issue=issue,
            cover_picture=issue.cover_picture if issue else None,
            outlooks=outlooks,
            **kwargs,
        )
