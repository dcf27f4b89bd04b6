"""The outlook page's links to related outlooks, shared by the many pages listing the same ones.

Every outlook of an issue links to the issue's other professions, and every outlook of a
profession to its other years: each list is built once (one query, one URL pattern filled in
per link) and kept under the list key whose events change it (outlook/web/fragments.py).
"""

from django.urls import reverse

from outlook.models import Outlook
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
    published = Outlook.objects.published().for_links()
    in_issue = published.filter(issue=outlook.issue_id).order_by("profession__name")
    category_id = outlook.profession.category_id
    # One more than shown where the page leaves its own outlook out.
    same_profession = shared_links(
        f"profession-years:{outlook.profession_id}",
        profession_key,
        published.filter(profession=outlook.profession_id).order_by("-year")[: RELATED_LIMIT + 1],
    )
    same_category = shared_links(
        f"issue-category:{outlook.issue_id}:{category_id}",
        contents_key,
        in_issue.filter(profession__category=category_id)[: RELATED_LIMIT + 1],
    )
    other_professions = shared_links(
        f"issue-other-categories:{outlook.issue_id}:{category_id}",
        contents_key,
        in_issue.exclude(profession__category=category_id)[:OTHER_PROFESSIONS_LIMIT],
    )
    return {
        "same_profession": _without(same_profession, outlook.pk)[:RELATED_LIMIT],
        "same_category": _without(same_category, outlook.pk)[:RELATED_LIMIT],
        "other_professions": other_professions,
    }


def shared_links(name: str, key: str, outlooks) -> list[dict]:
    """Return the links to `outlooks` (an unevaluated queryset), shared under `key`."""
    return fragments.shared(name, [key], lambda: link_rows(outlooks))


def _without(rows: list[dict], pk: int) -> list[dict]:
    return [row for row in rows if row["pk"] != pk]
