from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views import View
from django.views.generic import ListView, TemplateView

from outlook.models import (
    EXPOSURE_INDEX_FORMULA,
    MAX_YEAR,
    MIN_YEAR,
    Outlook,
    SkillAssessment,
    SkillVerdict,
)
from outlook.publishing import content_keys
from outlook.reading import charts, seo
from outlook.reading.comparison import compare_years
from outlook.reading.params import slug_param
from outlook.web import response_keys
from outlook.web.page_cache_rules import BRIEF_SECONDS
from professions.models import Category, Profession, Skill

# A skill's page charts its verdicts in the latest issues that assess it.
SKILL_CHART_ISSUES = 8


def directory_crumb() -> tuple[str, str]:
    return ("Professions", reverse("professions:directory"))


def get_public_profession(slug: str) -> Profession:
    return get_object_or_404(
        Profession.objects.with_published_outlooks().select_related("category"), slug=slug
    )


def exposure_trend(outlooks: list[Outlook]) -> list[dict]:
    """Return each year's outlook with its index and the change from the year before."""
    trend, previous = [], None
    for outlook in outlooks:
        index = outlook.exposure_index
        change = None if previous is None or index is None else index - previous
        trend.append({"outlook": outlook, "index": index, "change": change})
        previous = index if index is not None else previous
    return trend


class DirectoryView(seo.PageMetaMixin, ListView):
    """Professions A–Z, optionally within one category."""

    template_name = "professions/directory.html"
    context_object_name = "professions"
    paginate_by = 60
    query_parameters = ("category", "page")

    def get(self, request, *args, **kwargs):
        slug = slug_param(request, "category", required=False)
        self.category = (
            get_object_or_404(Category.objects.with_published_outlooks(), slug=slug)
            if slug
            else None
        )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        response_keys.add(content_keys.DIRECTORY)
        professions = (
            Profession.objects.with_published_outlooks()
            .with_latest_index()
            .select_related("category")
        )
        if self.category:
            response_keys.add_content(self.category)
            professions = professions.filter(category=self.category)
        return professions.order_by("name")

    def get_page_title(self):
        if self.category:
            return f"{self.category.name} professions A–Z"
        return "Professions A–Z"

    def get_page_description(self):
        where = f" in {self.category.name}" if self.category else ""
        return f"Every profession{where} we have assessed for AI exposure, from A to Z."

    def get_canonical_url(self):
        url = super().get_canonical_url()
        if self.category:
            url += ("&" if "?" in url else "?") + f"category={self.category.slug}"
        return url

    def get_breadcrumbs(self):
        return [seo.home_crumb(), directory_crumb()]

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            category=self.category,
            categories=Category.objects.with_published_outlooks(),
            **kwargs,
        )


class ProfessionDetailView(seo.PageMetaMixin, TemplateView):
    """A profession's outlooks across issues, and how its exposure moved."""

    template_name = "professions/profession_detail.html"
    query_parameters = ()

    def get_context_data(self, **kwargs):
        self.profession = get_public_profession(kwargs["slug"])
        response_keys.add_content(self.profession, self.profession.category)
        response_keys.add(content_keys.profession_outlooks_key(self.profession.pk))
        outlooks = list(
            Outlook.objects.published()
            .filter(profession=self.profession)
            .select_related("issue", "profession")
            .order_by("year")
        )
        pairs = list(zip(outlooks, outlooks[1:], strict=False))
        trend = exposure_trend(outlooks)
        return super().get_context_data(
            profession=self.profession,
            outlooks=outlooks,
            latest=outlooks[-1],
            trend=trend,
            index_chart=charts.index_by_year(trend),
            consecutive_pairs=pairs,
            years=[outlook.year for outlook in outlooks],
            index_formula=EXPOSURE_INDEX_FORMULA,
            **kwargs,
        )

    def get_page_title(self):
        return f"Will AI replace {self.profession.name}? Every outlook"

    def get_page_description(self):
        return (
            f"{self.profession.description} How exposed {self.profession.name} work is to AI, "
            "year by year."
        ).strip()

    def get_breadcrumbs(self):
        return [
            seo.home_crumb(),
            directory_crumb(),
            (self.profession.name, self.profession.get_absolute_url()),
        ]


class YearCompareFormView(View):
    """Turn the profession page's "compare two years" form into the comparison's URL."""

    query_parameters = ("from", "to")

    def get(self, request, slug):
        profession = get_public_profession(slug)
        try:
            earlier, later = sorted(int(request.GET.get(key, "")) for key in ("from", "to"))
        except ValueError as error:
            raise Http404("Choose two years.") from error
        if not MIN_YEAR <= earlier <= later <= MAX_YEAR:
            raise Http404("No outlooks exist for these years.")
        return redirect("professions:compare", slug=profession.slug, earlier=earlier, later=later)


class YearComparisonView(seo.PageMetaMixin, TemplateView):
    """One profession in two years: tasks whose exposure changed, skills that moved."""

    template_name = "professions/year_comparison.html"
    query_parameters = ()
    page_cache_seconds = BRIEF_SECONDS

    def get(self, request, *args, **kwargs):
        if kwargs["earlier"] > kwargs["later"]:
            return redirect(
                "professions:compare",
                slug=kwargs["slug"],
                earlier=kwargs["later"],
                later=kwargs["earlier"],
            )
        if kwargs["earlier"] == kwargs["later"]:
            raise Http404("Choose two different years.")
        if not MIN_YEAR <= kwargs["earlier"] < kwargs["later"] <= MAX_YEAR:
            raise Http404("No outlooks exist for these years.")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        self.profession = get_public_profession(kwargs["slug"])
        by_year = {
            o.year: o
            for o in Outlook.objects.published()
            .filter(profession=self.profession, year__in=[kwargs["earlier"], kwargs["later"]])
            .with_page_data()
        }
        if len(by_year) != 2:
            raise Http404("This profession has no outlook for one of these years.")
        earlier, later = by_year[kwargs["earlier"]], by_year[kwargs["later"]]
        self.comparison = compare_years(earlier=earlier, later=later)
        response_keys.add(content_keys.profession_outlooks_key(self.profession.pk))
        for outlook in by_year.values():
            response_keys.add_outlook_page(outlook)
        return super().get_context_data(
            profession=self.profession,
            comparison=self.comparison,
            task_mix=charts.task_mix([(str(o.year), o) for o in (earlier, later)]),
            index_scale=charts.index_scale(
                [
                    ("previous", str(earlier.year), earlier.exposure_index),
                    ("current", str(later.year), later.exposure_index),
                ]
            ),
            index_formula=EXPOSURE_INDEX_FORMULA,
            **kwargs,
        )

    def get_page_title(self):
        c = self.comparison
        return f"{self.profession.name}: {c.earlier.year} vs {c.later.year}"

    def get_page_description(self):
        c = self.comparison
        return (
            f"What changed for {self.profession.name} between {c.earlier.year} and "
            f"{c.later.year}: tasks whose AI exposure moved, skills that changed side."
        )

    def get_breadcrumbs(self):
        return [
            seo.home_crumb(),
            directory_crumb(),
            (self.profession.name, self.profession.get_absolute_url()),
            (self.get_page_title(), self.request.path),
        ]


class SkillListView(seo.PageMetaMixin, ListView):
    template_name = "professions/skill_list.html"
    context_object_name = "skills"
    paginate_by = 100
    query_parameters = ("page",)
    page_title = "Skills A–Z"
    page_description = "Every skill our outlooks assess, and whether AI puts it at risk."

    def get_queryset(self):
        response_keys.add(content_keys.SKILLS)
        return Skill.objects.with_published_assessments().with_verdict_counts().order_by("name")

    def get_breadcrumbs(self):
        return [seo.home_crumb(), ("Skills", reverse("professions:skills"))]


class SkillDetailView(seo.PageMetaMixin, ListView):
    """A skill and every published outlook that assesses it."""

    template_name = "professions/skill_detail.html"
    context_object_name = "assessments"
    paginate_by = 50
    query_parameters = ("page",)

    def get(self, request, *args, **kwargs):
        self.skill = get_object_or_404(
            Skill.objects.with_published_assessments(), slug=kwargs["slug"]
        )
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        response_keys.add_content(self.skill)
        response_keys.add(content_keys.skill_outlooks_key(self.skill.pk))
        return (
            SkillAssessment.objects.filter(
                skill=self.skill, outlook__in=Outlook.objects.published()
            )
            .select_related("outlook__profession__category", "outlook__issue")
            .order_by("-outlook__year", "outlook__profession__name")
        )

    def get_page_title(self):
        return f"{self.skill.name}: is it at risk from AI?"

    def get_page_description(self):
        return (
            self.skill.description
            or f"Every outlook that assesses {self.skill.name}, and whether it is vulnerable "
            "or resilient to AI."
        )

    def get_breadcrumbs(self):
        return [
            seo.home_crumb(),
            ("Skills", reverse("professions:skills")),
            (self.skill.name, self.skill.get_absolute_url()),
        ]

    def get_context_data(self, **kwargs):
        per_issue = sorted(
            self.get_queryset()
            .order_by()
            .values_list("outlook__issue__publication_date", "outlook__issue__title")
            .annotate(
                vulnerable=Count("pk", filter=Q(verdict=SkillVerdict.VULNERABLE)),
                resilient=Count("pk", filter=Q(verdict=SkillVerdict.RESILIENT)),
            ),
            reverse=True,
        )
        return super().get_context_data(
            skill=self.skill,
            vulnerable_count=sum(row[2] for row in per_issue),
            resilient_count=sum(row[3] for row in per_issue),
            verdict_chart=charts.verdict_split(
                [
                    (title, vulnerable, resilient)
                    for _date, title, vulnerable, resilient in per_issue[:SKILL_CHART_ISSUES]
                ]
            ),
            charted_issues=min(len(per_issue), SKILL_CHART_ISSUES),
            **kwargs,
        )
