"""The outlook page's links to related outlooks, shared by the many pages listing the same ones.

Every outlook of an issue links to the issue's other professions: each list is built once (one
query, one URL pattern filled in per link) and kept under the list key whose events change it
(outlook/web/fragments.py). The profession's other years come with the page's own row
(`with_profession_years`), which also gives the previous year's index.
"""

import json

from django.urls import reverse

from outlook.models import Outlook
from outlook.models.exposure import exposure_index
from outlook.models.outlook import outlook_headline
from outlook.publishing import content_keys
from outlook.web import fragments, response_keys

RELATED_LIMIT = 6
OTHER_PROFESSIONS_LIMIT = 24
# Stand-ins reversed once; slugs and years need no escaping in a path.
_YEAR, _SLUG = 1234567, "slug-placeholder"


def outlook_url_builder():
    """Return a function giving an outlook's address from its year and slug (one reverse)."""
    pattern = reverse("outlook:detail", kwargs={"year": _YEAR, "slug": _SLUG})
    year_part, slug_part = str(_YEAR), _SLUG

    def url(year: int, slug: str) -> str:
        return pattern.replace(year_part, str(year), 1).replace(slug_part, slug, 1)

    return url


def link_rows(outlooks) -> list[dict]:
    """Return what a link to each outlook shows, as plain values a cache can keep."""
    url = outlook_url_builder()
    return [
        {
            "pk": outlook.pk,
            "url": url(outlook.year, outlook.profession.slug),
            "headline": outlook.headline,
            "year": outlook.year,
            "issue_title": outlook.issue.title,
            "profession_name": outlook.profession.name,
        }
        for outlook in outlooks
    ]


def related_outlooks(outlook: Outlook) -> dict:
    """Return the published outlooks the page links to (a preview links to the same ones)."""
    contents_key = content_keys.issue_contents_key(outlook.issue_id)
    profession_key = content_keys.profession_outlooks_key(outlook.profession_id)
    response_keys.add(contents_key, profession_key)
    category_id = outlook.profession.category_id
    url = outlook_url_builder()
    same_profession = [
        {
            "url": url(row["year"], outlook.profession.slug),
            "headline": outlook_headline(outlook.profession.name, row["year"]),
            "year": row["year"],
            "issue_title": row["issue_title"],
        }
        for row in profession_years(outlook)
        if row["year"] != outlook.year
    ]
    in_issue = fragments.shared(
        f"issue-links:{outlook.issue_id}:{category_id}",
        [contents_key],
        lambda: issue_links(outlook.issue_id, category_id),
    )
    return {
        "same_profession": same_profession[:RELATED_LIMIT],
        "same_category": _without(in_issue["same_category"], outlook.pk)[:RELATED_LIMIT],
        "other_professions": in_issue["other_professions"],
    }


def issue_links(issue_id: int, category_id: int) -> dict[str, list[dict]]:
    """Return the links an issue's outlooks of one category show to the issue's others.

    Every outlook of the category shows the same two lists, kept together under the issue's
    contents key (one round trip to the cache for both).
    """
    published = Outlook.objects.published().for_links()
    in_issue = published.filter(issue=issue_id).order_by("profession__name")
    return {
        # One more than shown where the page leaves its own outlook out.
        "same_category": link_rows(
            in_issue.filter(profession__category=category_id)[: RELATED_LIMIT + 1]
        ),
        "other_professions": link_rows(
            in_issue.exclude(profession__category=category_id)[:OTHER_PROFESSIONS_LIMIT]
        ),
    }


def _without(rows: list[dict], pk: int) -> list[dict]:
    return [row for row in rows if row["pk"] != pk]


def profession_years(outlook: Outlook) -> list[dict]:
    """Return the profession's published outlooks, newest year first: each one's year, issue
    title and task counts (`high`, `medium`, `low`).

    Read from the page's own row when its query loaded them (`with_profession_years`), else
    asked for with the same subquery (a preview's outlook).
    """
    if "_profession_year_rows" in outlook.__dict__:
        return outlook._profession_year_rows
    if hasattr(outlook, "profession_years"):
        raw = outlook.profession_years
    else:
        raw = (
            Outlook.objects.filter(pk=outlook.pk)
            .with_profession_years()
            .values_list("profession_years", flat=True)
            .first()
        )
    rows = sorted(json.loads(raw) if raw else [], key=lambda row: row["year"], reverse=True)
    outlook._profession_year_rows = rows
    return rows


def previous_year(outlook: Outlook) -> dict | None:
    """Return the profession's latest published year before this outlook's, with its index."""
    earlier = (row for row in profession_years(outlook) if row["year"] < outlook.year)
    row = next(earlier, None)
    if row is None:
        return None
    index = exposure_index(high=row["high"], medium=row["medium"], low=row["low"])
    return {"year": row["year"], "exposure_index": index}
