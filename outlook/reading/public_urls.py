from django.urls import path
from django.views.generic import TemplateView

from outlook.publishing import previews
from outlook.reading import authors as author_views
from outlook.reading import feeds, opendata, sitemaps, trust_pages, views
from outlook.reading.params import reads_query

app_name = "outlook"

issue = "issues/<int:volume>/<int:number>/"

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("preview/<str:token>/", previews.shared_preview, name="preview"),
    path("issues/", views.IssueArchiveView.as_view(), name="archive"),
    path(issue, views.IssueDetailView.as_view(), name="issue"),
    path(f"{issue}compare/", views.IssueCompareFormView.as_view(), name="compare_form"),
    path(
        f"{issue}compare/<slug:left>/<slug:right>/",
        views.SideBySideView.as_view(),
        name="side_by_side",
    ),
    path(f"{issue}data.csv", opendata.IssueDatasetView.as_view(format="csv"), name="dataset_csv"),
    path(
        f"{issue}data.json",
        opendata.IssueDatasetView.as_view(format="json"),
        name="dataset_json",
    ),
    path("search/", views.SearchView.as_view(), name="search"),
    path("about/", trust_pages.AboutView.as_view(), name="about"),
    path("methodology/", trust_pages.MethodologyView.as_view(), name="methodology"),
    path("authors/<slug:slug>/", author_views.AuthorDetailView.as_view(), name="author"),
    path("feeds/rss/", feeds.OutlookFeed(), name="feed_rss"),
    path("feeds/atom/", feeds.OutlookAtomFeed(), name="feed_atom"),
    path("feeds/<slug:slug>/rss/", feeds.ProfessionFeed(), name="profession_feed_rss"),
    path("feeds/<slug:slug>/atom/", feeds.ProfessionAtomFeed(), name="profession_feed_atom"),
    path(
        "sitemap.xml",
        reads_query()(sitemaps.index),
        {"sitemap_url_name": "outlook:sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<slug:section>.xml",
        reads_query("p")(sitemaps.section),
        name="sitemap_section",
    ),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("<int:year>/<slug:slug>/", views.OutlookDetailView.as_view(), name="detail"),
]
