from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from django.views import View
from django.views.generic import DetailView, ListView, TemplateView

from accounts.forms import ProfessionRequestForm
from outlook.media import share_cards
from outlook.models import EXPOSURE_INDEX_FORMULA, Issue, Outlook, bylines
from outlook.models.outlook_queryset import sees_drafts
from outlook.models.prepared import PreparedQuery
from outlook.publishing import content_keys
from outlook.reading import charts, seo
from outlook.reading.comparison import compare_side_by_side
from outlook.reading.issue_median import current_median, index_counts
from outlook.reading.params import page_or_404, text_param
from outlook.reading.related_links import previous_year, related_outlooks
from outlook.reading.search import MAX_QUERY_LENGTH, search, search_terms
from outlook.web import response_keys
from outlook.web.page_cache_rules import BRIEF_SECONDS
from professions.models import Profession

# A cover lists every outlook of an issue up to COVER_LIMIT; past it, the most and least
# exposed COVER_HIGHLIGHTS and a link to the issue's contents.
COVER_LIMIT = 24
COVER_HIGHLIGHTS = 5
# The issue page's contents come a page at a time; its ranking shows both ends.
CONTENTS_PER_PAGE = 50
RANKING_ENDS = 10


def issue_crumbs(issue: Issue) -> list[tuple[str, str]]:
    return [
        seo.home_crumb(),
        ("Issues", reverse("outlook:archive")),
        (issue.title, issue.get_absolute_url()),
    ]


def cover_order(outlooks):
    """Order an issue's outlooks as its cover lists them."""
    return outlooks.select_related("profession__category").order_by(
        "profession__category__name", "profession__name"
    )


def issue_outlooks(issue: Issue):
    """Return an issue's public outlooks in cover order."""
    return cover_order(Outlook.objects.published().filter(issue=issue))


def cover_contents(outlooks, count: int) -> dict:
    """Return what a cover lists: a small issue's every outlook, a large one's ranking ends.

    A cover is read at a glance, so however large the issue it stays one query and few rows.
    """
    if count <= COVER_LIMIT:
        return {"outlooks": list(cover_order(outlooks)), "highlights": None}
    return {"outlooks": [], "highlights": outlooks.ranking_ends(COVER_HIGHLIGHTS)}


# Beyond a small integer column's range no issue can exist; stop before the database does.
MAX_ISSUE_NUMBER = 32767


def get_published_issue(volume: int, number: int) -> Issue:
    if volume > MAX_ISSUE_NUMBER or number > MAX_ISSUE_NUMBER:
        raise Http404("No such issue.")
    return get_object_or_404(Issue.objects.published(), volume=volume, number=number)


def outlook_page(queryset, *, now=None):
    """Return `queryset` with everything the outlook page shows, in its one query."""
    return queryset.with_page_rows().with_profession_years(now=now).select_related("share_card")


# A reader's outlook page: its SQL is written once per process (outlook/models/prepared.py).
READER_OUTLOOK_PAGE = PreparedQuery(
    Outlook,
    lambda year, slug, now: outlook_page(Outlook.objects.published(now=now), now=now).filter(
        year=year, profession__slug=slug
    )[:1],
    year=Outlook._meta.get_field("year"),
    slug=Profession._meta.get_field("slug"),
    now=Outlook._meta.get_field("go_live_at"),
)


class OutlookDetailView(seo.PageMetaMixin, DetailView):
    template_name = "outlook/outlook_detail.html"
    context_object_name = "outlook"
    query_parameters = ()
    og_type = "article"

    def get_object(self, queryset=None):
        year, slug = self.kwargs["year"], self.kwargs["slug"]
        if sees_drafts(self.request.user):
            found = outlook_page(Outlook.objects.all()).filter(year=year, profession__slug=slug)
        else:
            found = READER_OUTLOOK_PAGE(year=year, slug=slug, now=timezone.now())
        if not found:
            raise Http404("No such outlook.")
        return found[0]

    def get_canonical_url(self):
        # /2026/x/ and /02026/x/ reach the same outlook; search engines get one address.
        return self.request.build_absolute_uri(self.object.get_absolute_url())

    def get_page_title(self):
        return self.object.headline

    def get_page_description(self):
        return self.object.description

    def get_breadcrumbs(self):
        outlook = self.object
        # A draft's issue page may not exist yet for readers; staff previewing it skip it.
        trail = issue_crumbs(outlook.issue) if outlook.is_published else [seo.home_crumb()]
        return [*trail, (outlook.headline, outlook.get_absolute_url())]

    def get_structured_data(self):
        authors = bylines.authors_of(self.object)
        image = self.get_share_image()
        return [seo.article(self.request, self.object, authors=authors, image=image)]

    def get_share_image(self):
        return share_cards.card_url(self.request, self.object) if self.object.is_published else None

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response["Last-Modified"] = http_date(self.object.last_modified.timestamp())
        return response

    def get_context_data(self, **kwargs):
        response_keys.add_outlook_page(self.object)
        return super().get_context_data(
            authors=bylines.authors_of(self.object),
            **related_outlooks(self.object),
            **outlook_charts(self.object),
            index_formula=EXPOSURE_INDEX_FORMULA,
            **kwargs,
        )


def outlook_charts(outlook: Outlook) -> dict:
    """Return the outlook page's charts: its task mix, and its index beside the issue median
    and the profession's previous published index."""
    previous = previous_year(outlook)
    before = previous["exposure_index"] if previous else None
    now = outlook.exposure_index
    return {
        "previous": previous,
        "index_change": None if before is None or now is None else now - before,
        "task_mix": charts.task_mix([("", outlook)]),
        "index_scale": charts.index_scale(
            [
                ("current", f"This outlook ({outlook.year})", outlook.exposure_index),
                ("median", "Median of this issue", current_median(outlook.issue)),
                (
                    "previous",
                    f"{previous['year'] if previous else ''} outlook",
                    before,
                ),
            ]
        ),
    }


class HomeView(seo.PageMetaMixin, TemplateView):
    """The current issue as a cover: the one editors chose, else the newest live one."""

    template_name = "outlook/home.html"
    query_parameters = ()

    def get_context_data(self, **kwargs):
        issue = Issue.objects.with_outlook_counts().current()
        self.issue = issue
        response_keys.add(content_keys.ISSUES, content_keys.CURRENT_ISSUE)
        if issue:
            response_keys.add_content(issue)
            response_keys.add(content_keys.issue_contents_key(issue.pk))
        contents = (
            cover_contents(Outlook.objects.published().filter(issue=issue), issue.outlook_count)
            if issue
            else {}
        )
        return super().get_context_data(
            issue=issue,
            cover_picture=issue.cover_picture if issue else None,
            **contents,
            **kwargs,
        )

    def get_page_title(self):
        return f"{self.issue.title}: will AI replace your job?" if self.issue else "Outlook"

    def get_page_description(self):
        if not self.issue:
            return seo.DEFAULT_DESCRIPTION
        return (
            f"{self.issue.masthead}. {self.issue.title}: how exposed each profession's tasks "
            "are to AI, task by task."
        )


class IssueArchiveView(seo.PageMetaMixin, ListView):
    """Every published issue, newest first, grouped by volume."""

    template_name = "outlook/issue_archive.html"
    context_object_name = "issues"
    paginate_by = 24
    query_parameters = ("page",)
    page_title = "All issues"
    page_description = "Every issue of the publication, newest first, grouped by volume."

    def get_queryset(self):
        response_keys.add(content_keys.ISSUES)
        return Issue.objects.published().with_outlook_counts().order_by("-volume", "-number")

    def get_breadcrumbs(self):
        return [seo.home_crumb(), ("Issues", reverse("outlook:archive"))]


class IssueDetailView(seo.PageMetaMixin, DetailView):
    """An issue's table of contents, its exposure ranking and its open data."""

    template_name = "outlook/issue_detail.html"
    context_object_name = "issue"
    query_parameters = ("page",)

    def get_object(self, queryset=None):
        return get_published_issue(self.kwargs["volume"], self.kwargs["number"])

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if request.path != self.object.get_absolute_url():
            # /issues/01/04/ names the same issue: send readers to its one address (and page).
            query = request.GET.urlencode()
            url = self.object.get_absolute_url() + (f"?{query}" if query else "")
            return redirect(url, permanent=True)
        return self.render_to_response(self.get_context_data(object=self.object))

    def get_page_title(self):
        return f"{self.object.title} — {self.object.masthead}"

    def get_page_description(self):
        return (
            f"Table of contents of {self.object.title} ({self.object.masthead}): every "
            "profession's AI exposure, ranked, with the data to download."
        )

    def get_breadcrumbs(self):
        return issue_crumbs(self.object)

    def get_share_image(self):
        return share_cards.card_url(self.request, self.object)

    def get_context_data(self, **kwargs):
        response_keys.add_content(self.object)
        response_keys.add(content_keys.issue_contents_key(self.object.pk))
        contents = Paginator(issue_outlooks(self.object), CONTENTS_PER_PAGE)
        page_obj = page_or_404(contents, self.request.GET.get("page"))
        outlooks = list(page_obj.object_list)
        published = Outlook.objects.published().filter(issue=self.object)
        ranking = published.ranking_ends(RANKING_ENDS)
        return super().get_context_data(
            distribution=charts.index_distribution(index_counts(published)),
            median=current_median(self.object),
            outlooks=outlooks,
            page_obj=page_obj,
            is_paginated=page_obj.has_other_pages(),
            outlook_count=contents.count,
            # An issue that fits on one page offers its professions to pick; a larger one
            # asks for their names, so the form stays small whatever the issue's size.
            compare_choices=None if page_obj.has_other_pages() else outlooks,
            ranking=ranking,
            index_formula=EXPOSURE_INDEX_FORMULA,
            **kwargs,
        )


class IssueCompareFormView(View):
    """Turn the issue page's "compare two professions" form into the comparison's URL.

    Readers pick professions or type their names (or slugs); what matches no profession of
    the issue gets the form back with a message saying so.
    """

    query_parameters = ("a", "b")

    def get(self, request, *args, **kwargs):
        issue = get_published_issue(kwargs["volume"], kwargs["number"])
        entries = [text_param(request, "a"), text_param(request, "b")]
        if not all(entries):
            return self.problem(issue, entries, "Name two professions to compare.", status=400)
        found = Outlook.objects.published().filter(issue=issue).matching_professions(entries)
        missing = [entry for entry in entries if found[entry] is None]
        if missing:
            names = " or ".join(f"“{entry}”" for entry in missing)
            message = f"This issue has no outlook for {names}. Check the spelling in its contents."
            return self.problem(issue, entries, message, status=404)
        left, right = (found[entry].profession.slug for entry in entries)
        if left == right:
            return self.problem(issue, entries, "Choose two different professions.", status=400)
        return redirect(
            "outlook:side_by_side",
            volume=issue.volume,
            number=issue.number,
            left=left,
            right=right,
        )

    def problem(self, issue: Issue, entries: list[str], message: str, *, status: int):
        return render(
            self.request,
            "outlook/compare_problem.html",
            {
                "issue": issue,
                "entries": entries,
                "message": message,
                "page_title": f"Compare two professions — {issue.title}",
            },
            status=status,
        )


class SideBySideView(seo.PageMetaMixin, TemplateView):
    """Two professions of one issue side by side."""

    template_name = "outlook/side_by_side.html"
    query_parameters = ()
    # Any two of an issue's professions: more pairs than are worth keeping.
    page_cache_seconds = BRIEF_SECONDS

    def get_context_data(self, **kwargs):
        if kwargs["left"] == kwargs["right"]:
            raise Http404("Choose two different professions.")
        self.issue = get_published_issue(kwargs["volume"], kwargs["number"])
        outlooks = Outlook.objects.published().filter(issue=self.issue).with_page_data()
        by_slug = {
            o.profession.slug: o
            for o in outlooks.filter(profession__slug__in=[kwargs["left"], kwargs["right"]])
        }
        if len(by_slug) != 2:
            raise Http404("Both professions need an outlook in this issue.")
        self.comparison = compare_side_by_side(
            left=by_slug[kwargs["left"]], right=by_slug[kwargs["right"]]
        )
        response_keys.add_content(self.issue)
        for outlook in by_slug.values():
            response_keys.add_outlook_page(outlook)
        left, right = self.comparison.left, self.comparison.right
        return super().get_context_data(
            issue=self.issue,
            comparison=self.comparison,
            task_mix=charts.task_mix([(o.profession.name, o) for o in (left, right)]),
            index_scale=charts.index_scale(
                [
                    ("left", left.profession.name, left.exposure_index),
                    ("right", right.profession.name, right.exposure_index),
                ]
            ),
            index_formula=EXPOSURE_INDEX_FORMULA,
            **kwargs,
        )

    def get_page_title(self):
        c = self.comparison
        return f"{c.left.profession.name} vs {c.right.profession.name}, {self.issue.year}"

    def get_page_description(self):
        c = self.comparison
        return (
            f"How exposed {c.left.profession.name} and {c.right.profession.name} are to AI in "
            f"{self.issue.title}, task by task and skill by skill."
        )

    def get_breadcrumbs(self):
        return [*issue_crumbs(self.issue), (self.get_page_title(), self.request.path)]


class SearchView(seo.PageMetaMixin, TemplateView):
    """Search results over professions, outlooks, tasks and skills."""

    template_name = "outlook/search.html"
    paginate_by = 20
    query_parameters = ("q", "page")
    # Every search term is a page of its own: kept only through a burst of readers.
    page_cache_seconds = BRIEF_SECONDS
    page_description = "Search professions, outlooks, tasks and skills."

    def get_context_data(self, **kwargs):
        self.query = self.request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
        response_keys.add(content_keys.SEARCH)
        results = search(self.query) if self.query else []
        page_obj = page_or_404(Paginator(results, self.paginate_by), self.request.GET.get("page"))
        # A miss offers to ask for the profession, named as the reader typed it.
        missed = bool(self.query and search_terms(self.query) and not results)
        return super().get_context_data(
            request_form=ProfessionRequestForm(initial={"name": self.query}) if missed else None,
            query=self.query,
            has_terms=bool(search_terms(self.query)),
            page_obj=page_obj,
            results=page_obj.object_list,
            is_paginated=page_obj.has_other_pages(),
            **kwargs,
        )

    def get_page_title(self):
        return f"Search: {self.query}" if self.query else "Search"

    def get_breadcrumbs(self):
        return [seo.home_crumb(), ("Search", reverse("outlook:search"))]
