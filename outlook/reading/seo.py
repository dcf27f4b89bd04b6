"""Titles, descriptions, canonical URLs, breadcrumbs and JSON-LD for public pages."""

from django.templatetags.static import static
from django.urls import reverse

SITE_NAME = "Will AI Replace Me?"
DEFAULT_DESCRIPTION = "Profession by profession, how exposed each job is to AI, task by task."
# The publisher's logo in structured data: a square PNG (search engines take no SVG), drawn by
# `manage.py draw_publisher_logo`.
PUBLISHER_LOGO = "img/publisher-logo.png"
PUBLISHER_LOGO_SIZE = 512


def breadcrumb_list(request, crumbs: list[tuple[str, str]]) -> dict:
    """Return schema.org BreadcrumbList data for (name, path) pairs."""
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": position,
                "name": name,
                "item": request.build_absolute_uri(path),
            }
            for position, (name, path) in enumerate(crumbs, start=1)
        ],
    }


def article(request, outlook, *, authors=(), image: str | None = None) -> dict:
    """Return schema.org Article data for an outlook, with its byline and share card."""
    publisher = {
        "@type": "Organization",
        "name": SITE_NAME,
        "url": request.build_absolute_uri(reverse("outlook:home")),
        "logo": {
            "@type": "ImageObject",
            "url": request.build_absolute_uri(static(PUBLISHER_LOGO)),
            "width": PUBLISHER_LOGO_SIZE,
            "height": PUBLISHER_LOGO_SIZE,
        },
    }
    # A staff preview of a draft has no go-live time yet; its last edit stands in.
    published_at = outlook.reader_go_live_at or outlook.updated_at
    return {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": outlook.headline,
        "description": outlook.description,
        "datePublished": published_at.isoformat(),
        "dateModified": outlook.last_modified.isoformat(),
        "mainEntityOfPage": request.build_absolute_uri(outlook.get_absolute_url()),
        "articleSection": outlook.profession.category.name,
        "isPartOf": {
            "@type": "PublicationIssue",
            "issueNumber": str(outlook.issue.number),
            "name": outlook.issue.title,
            "url": request.build_absolute_uri(outlook.issue.get_absolute_url()),
        },
        "author": [
            {
                "@type": "Person",
                "name": author.name,
                "url": request.build_absolute_uri(author.get_absolute_url()),
            }
            for author in authors
        ]
        or publisher,
        "publisher": publisher,
        **({"image": [image]} if image else {}),
    }


class PageMetaMixin:
    """Give a view's template its title, description, canonical URL and structured data."""

    page_title = ""
    page_description = DEFAULT_DESCRIPTION
    og_type = "website"

    def get_page_title(self) -> str:
        return self.page_title

    def get_page_description(self) -> str:
        return self.page_description

    def get_breadcrumbs(self) -> list[tuple[str, str]]:
        """Return (name, path) pairs from the home page to this page."""
        return []

    def get_structured_data(self) -> list[dict]:
        return []

    def get_share_image(self) -> str | None:
        """Return the absolute URL of the page's share card, if it has one."""
        return None

    def get_canonical_url(self) -> str:
        path = self.request.path
        page = getattr(self, "canonical_page", None)
        if page and page > 1:
            path = f"{path}?page={page}"
        return self.request.build_absolute_uri(path)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page_obj = context.get("page_obj")
        self.canonical_page = page_obj.number if page_obj else None
        breadcrumbs = self.get_breadcrumbs()
        structured = self.get_structured_data()
        if len(breadcrumbs) > 1:
            structured = [*structured, breadcrumb_list(self.request, breadcrumbs)]
        context.update(
            page_title=self.get_page_title(),
            page_description=self.get_page_description(),
            og_type=self.og_type,
            canonical_url=self.get_canonical_url(),
            breadcrumbs=breadcrumbs,
            structured_data=structured,
            share_image=self.get_share_image(),
        )
        return context


def home_crumb() -> tuple[str, str]:
    return ("Home", reverse("outlook:home"))
