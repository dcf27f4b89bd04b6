"""The public page of an author: their bio and the published outlooks they wrote."""

from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from outlook.models.bylines import Author
from outlook.publishing import content_keys
from outlook.reading import seo
from outlook.web import response_keys


class AuthorDetailView(seo.PageMetaMixin, DetailView):
    model = Author
    template_name = "outlook/author_detail.html"
    context_object_name = "author"
    query_parameters = ()

    def get_object(self, queryset=None):
        return get_object_or_404(Author, slug=self.kwargs["slug"])

    def get_page_title(self):
        return self.object.name

    def get_page_description(self):
        return self.object.bio or f"Outlooks written by {self.object.name}."

    def get_breadcrumbs(self):
        return [seo.home_crumb(), (self.object.name, self.object.get_absolute_url())]

    def get_context_data(self, **kwargs):
        # Any outlook's change may add to or take from this list.
        response_keys.add(content_keys.ISSUES, content_keys.content_key(self.object))
        return super().get_context_data(outlooks=list(self.object.published_outlooks()), **kwargs)
