"""The one place that names what a page shows, and what a change of content must invalidate.

A *content key* names one object a page renders (`outlook-12`, `profession-4`); a *list key*
names something a page enumerates (`issue-3-contents`, `directory`, `feeds`). Pages carry both
(outlook/web/response_keys.py); shared caches store each page under them (Varnish xkey, Fastly
Surrogate-Key, Cloudflare Cache-Tag), and a change purges `keys_for(obj)`: the object's own
key plus every list key whose pages show it. Publishing events hand their objects to
`outlook.web.purge.purge_content`, which uses these two functions.
"""

from django.db.models import Q
from django.urls import reverse

# Every public page carries it: purging it empties a shared cache (each release).
SITE = "site"
# The issue archive, and the home's choice of which issue is the latest.
ISSUES = "issues"
# Pages showing which issue is current (the home): editors changing it purges them.
CURRENT_ISSUE = "current-issue"
# Professions A–Z (and its category filters).
DIRECTORY = "directory"
# Skills A–Z.
SKILLS = "skills"
FEEDS = "feeds"
SITEMAPS = "sitemaps"
SEARCH = "search"

CONTENT_KINDS = ("issue", "outlook", "profession", "skill", "category", "author")
# Rows rendered only inside their outlook's page.
OUTLOOK_PARTS = (
    "whatchanged",
    "taskassessment",
    "skillassessment",
    "insight",
    "correction",
    "outlookauthor",
    "source",
)


def content_key(obj) -> str:
    """Return the key of one issue, outlook, profession, skill or category."""
    return object_key(obj._meta.model_name, obj.pk)


def object_key(kind: str, pk: int) -> str:
    if kind not in CONTENT_KINDS:
        raise ValueError(f"{kind} has no content key")
    return f"{kind}-{pk}"


def issue_contents_key(issue_id: int) -> str:
    """The list of an issue's outlooks (its page, the home when latest, its datasets)."""
    return f"issue-{issue_id}-contents"


def dataset_key(issue_id: int) -> str:
    """An issue's open-data files: purged once they are written again (outlook/datasets.py)."""
    return f"issue-{issue_id}-data"


def profession_outlooks_key(profession_id: int) -> str:
    """The list of a profession's outlooks (its page, its feeds, other years' pages)."""
    return f"profession-{profession_id}-outlooks"


def skill_outlooks_key(skill_id: int) -> str:
    """The list of outlooks assessing a skill (its page)."""
    return f"skill-{skill_id}-outlooks"


def outlook_page_keys(outlook) -> set[str]:
    """Return the keys of a page that renders one outlook in full (its own page, comparisons).

    Needs the outlook's skill assessments loaded (`with_page_data()`), so it adds no query.
    """
    profession = outlook.profession
    return {
        content_key(outlook),
        object_key("issue", outlook.issue_id),
        object_key("profession", outlook.profession_id),
        object_key("category", profession.category_id),
        *(object_key("skill", row.skill_id) for row in outlook.skill_assessments.all()),
    }


def keys_for(obj) -> set[str]:
    """Return every key whose pages show `obj`: what its change (or go-live) must purge."""
    from outlook.models import Outlook, SkillAssessment

    kind = obj._meta.model_name
    if kind in OUTLOOK_PARTS:
        keys = keys_for(obj.outlook)
        if isinstance(obj, SkillAssessment):
            keys.add(skill_outlooks_key(obj.skill_id))
        return keys
    if kind == "outlook":
        return {content_key(obj), *lists_showing(Outlook.objects.filter(pk=obj.pk))}
    if kind == "issue":
        issue_keys = {content_key(obj), issue_contents_key(obj.pk)}
        return issue_keys | lists_showing(Outlook.objects.filter(issue=obj))
    if kind == "profession":
        own = {content_key(obj), profession_outlooks_key(obj.pk)}
        return own | lists_showing(Outlook.objects.filter(profession=obj))
    if kind == "category":
        outlooks = Outlook.objects.filter(profession__category=obj)
        return {
            content_key(obj),
            *map(issue_contents_key, outlooks.values_list("issue_id", flat=True)),
            DIRECTORY,
            FEEDS,
        }
    if kind == "skill":
        return {content_key(obj), skill_outlooks_key(obj.pk), SKILLS, SITEMAPS, SEARCH}
    if kind == "author":
        # The author's page, and the bylines of the outlooks they wrote or co-wrote.
        bylined = Outlook.objects.filter(Q(writer__author=obj) | Q(bylines__author=obj))
        outlook_ids = bylined.values_list("pk", flat=True).distinct()
        return {content_key(obj), *(object_key("outlook", pk) for pk in outlook_ids)}
    raise ValueError(f"{kind} is not public content")


def keys_for_correction(outlook) -> set[str]:
    """Return the keys a correction changes: a note shown on the outlook's own page alone.

    The feeds and sitemaps carry its modification date; no list shows the note itself.
    """
    return {content_key(outlook), FEEDS, SITEMAPS}


# Lists that change whenever an outlook appears, goes or changes: whether a profession or a
# skill has a public outlook decides if the A–Z lists show it; the archive counts outlooks.
OUTLOOK_LISTS = frozenset({ISSUES, DIRECTORY, SKILLS, FEEDS, SITEMAPS, SEARCH})


def lists_showing(outlooks) -> set[str]:
    """Return the list keys of every page enumerating any of these outlooks (two queries)."""
    from outlook.models import SkillAssessment

    keys = set(OUTLOOK_LISTS)
    for issue_id, profession_id in outlooks.values_list("issue_id", "profession_id"):
        keys.add(issue_contents_key(issue_id))
        keys.add(profession_outlooks_key(profession_id))
    skill_ids = (
        SkillAssessment.objects.filter(outlook__in=outlooks)
        .values_list("skill_id", flat=True)
        .distinct()
    )
    return keys | set(map(skill_outlooks_key, skill_ids))


def urls_for(obj) -> set[str]:
    """Return the paths showing `obj` that a cache purging by URL can name.

    The object's own page and the fixed list pages; pages it can't enumerate (search
    results, paginated lists past the first page) expire by their `s-maxage` instead.
    """
    kind = obj._meta.model_name
    if kind in OUTLOOK_PARTS:
        return urls_for(obj.outlook)
    paths = urls_for_lists()
    if kind != "category":
        paths.add(obj.get_absolute_url())
    if kind == "outlook":
        paths.add(obj.issue.get_absolute_url())
        paths.add(obj.profession.get_absolute_url())
    return paths


def urls_for_lists() -> set[str]:
    """Return the paths of the list pages most changes show on."""
    return {
        reverse("outlook:home"),
        reverse("outlook:archive"),
        reverse("professions:directory"),
        reverse("professions:skills"),
        reverse("outlook:feed_rss"),
        reverse("outlook:feed_atom"),
        reverse("outlook:sitemap"),
    }
