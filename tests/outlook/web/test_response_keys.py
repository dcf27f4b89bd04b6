"""Every public response names what it shows, and a change's keys reach every page showing it."""

import pytest
from django.urls import reverse

from outlook.models import Correction, PublicationStatus
from outlook.publishing import content_keys
from outlook.publishing.previews import preview_link
from tests.factories import (
    OutlookFactory,
    SkillAssessmentFactory,
    TaskAssessmentFactory,
    UserFactory,
    WhatChangedFactory,
)

pytestmark = pytest.mark.django_db


def keys_of(response) -> set[str]:
    assert response["xkey"] == response["Surrogate-Key"]
    return set(response["Surrogate-Key"].split())


@pytest.fixture
def outlook():
    outlook = OutlookFactory(profession__name="Tax Adviser", profession__slug="tax-adviser")
    TaskAssessmentFactory(outlook=outlook, task="Prepare returns")
    SkillAssessmentFactory(outlook=outlook, skill__name="Bookkeeping", skill__slug="bookkeeping")
    return outlook


@pytest.fixture
def neighbour(outlook):
    """Another outlook of the same issue: its page lists the first one."""
    other = OutlookFactory(issue=outlook.issue, profession__name="Auditor")
    SkillAssessmentFactory(outlook=other, skill__name="Audit")
    return other


def test_an_outlook_page_names_everything_it_renders(client, outlook):
    skill = outlook.skill_assessments.get().skill
    profession = outlook.profession
    keys = keys_of(client.get(outlook.get_absolute_url()))
    assert keys == {
        content_keys.SITE,
        f"outlook-{outlook.pk}",
        f"issue-{outlook.issue_id}",
        f"profession-{profession.pk}",
        f"category-{profession.category_id}",
        f"skill-{skill.pk}",
        f"issue-{outlook.issue_id}-contents",
        f"profession-{profession.pk}-outlooks",
    }


def test_list_pages_name_what_they_enumerate(client, outlook):
    issue, profession = outlook.issue, outlook.profession
    skill = outlook.skill_assessments.get().skill
    expected = {
        reverse("outlook:home"): {
            "issues",
            "current-issue",
            f"issue-{issue.pk}",
            f"issue-{issue.pk}-contents",
        },
        reverse("outlook:archive"): {"issues"},
        issue.get_absolute_url(): {f"issue-{issue.pk}", f"issue-{issue.pk}-contents"},
        # Purged once written again after a change (outlook/datasets.py), not before.
        reverse("outlook:dataset_csv", kwargs={"volume": issue.volume, "number": issue.number}): {
            f"issue-{issue.pk}-data",
        },
        reverse("outlook:dataset_json", kwargs={"volume": issue.volume, "number": issue.number}): {
            f"issue-{issue.pk}-data",
        },
        reverse("professions:directory"): {"directory"},
        f"{reverse('professions:directory')}?category={profession.category.slug}": {
            "directory",
            f"category-{profession.category_id}",
        },
        profession.get_absolute_url(): {
            f"profession-{profession.pk}",
            f"category-{profession.category_id}",
            f"profession-{profession.pk}-outlooks",
        },
        reverse("professions:skills"): {"skills"},
        skill.get_absolute_url(): {f"skill-{skill.pk}", f"skill-{skill.pk}-outlooks"},
        f"{reverse('outlook:search')}?q=tax": {"search"},
        reverse("outlook:feed_rss"): {"feeds"},
        reverse("outlook:profession_feed_atom", kwargs={"slug": profession.slug}): {
            "feeds",
            f"profession-{profession.pk}",
            f"profession-{profession.pk}-outlooks",
        },
        reverse("outlook:sitemap"): {"sitemaps"},
        reverse("outlook:sitemap_section", kwargs={"section": "outlooks"}): {"sitemaps"},
        reverse("accounts:signup"): {"directory"},
    }
    for url, keys in expected.items():
        response = client.get(url)
        assert response.status_code == 200, url
        assert keys_of(response) == keys | {content_keys.SITE}, url


def test_comparisons_name_both_outlooks(client, outlook, neighbour):
    issue = outlook.issue
    url = reverse(
        "outlook:side_by_side",
        kwargs={
            "volume": issue.volume,
            "number": issue.number,
            "left": outlook.profession.slug,
            "right": neighbour.profession.slug,
        },
    )
    keys = keys_of(client.get(url))
    assert {f"outlook-{outlook.pk}", f"outlook-{neighbour.pk}", f"issue-{issue.pk}"} <= keys

    later = OutlookFactory(profession=outlook.profession, year=outlook.year + 1)
    url = reverse(
        "professions:compare",
        kwargs={"slug": outlook.profession.slug, "earlier": outlook.year, "later": later.year},
    )
    keys = keys_of(client.get(url))
    assert {f"outlook-{outlook.pk}", f"outlook-{later.pk}"} <= keys
    assert f"profession-{outlook.profession_id}-outlooks" in keys


def test_cloudflare_gets_its_cache_tag_header(client, outlook, settings):
    assert "Cache-Tag" not in client.get(outlook.get_absolute_url())
    settings.PURGE_BACKEND = "cloudflare"
    response = client.get(outlook.get_absolute_url())
    assert set(response["Cache-Tag"].split(",")) == keys_of(response)


def test_private_and_failed_responses_name_no_keys(client, outlook):
    draft = OutlookFactory(status=PublicationStatus.DRAFT)
    answers = [
        client.get(preview_link(draft)),
        client.get("/2026/no-such-profession/"),
        client.post(outlook.get_absolute_url()),
    ]
    client.force_login(UserFactory(username="chief", is_staff=True, is_superuser=True))
    answers += [client.get(outlook.get_absolute_url()), client.get(draft.get_absolute_url())]
    for response in answers:
        assert "xkey" not in response
        assert "Surrogate-Key" not in response


def pages_showing(client, text: str, urls: list[str]) -> list[set[str]]:
    """Return the keys of each page that shows `text` (each must show it, or the test is moot)."""
    found = []
    for url in urls:
        response = client.get(url)
        assert text in response.content.decode(), url
        found.append(keys_of(response))
    return found


@pytest.fixture
def pages(outlook, neighbour):
    """Pages showing the first outlook and its profession's name, wherever they list it."""
    skill = outlook.skill_assessments.get().skill
    return [
        outlook.get_absolute_url(),
        neighbour.get_absolute_url(),
        outlook.issue.get_absolute_url(),
        reverse("outlook:home"),
        outlook.profession.get_absolute_url(),
        skill.get_absolute_url(),
        reverse("professions:directory"),
        reverse("outlook:feed_rss"),
    ]


def test_an_outlooks_keys_reach_every_page_that_shows_it(client, outlook, pages):
    urls = [
        *pages,
        f"{reverse('outlook:search')}?q=tax",
        reverse("outlook:sitemap_section", kwargs={"section": "outlooks"}),
    ]
    invalidated = content_keys.keys_for(outlook)
    for keys in pages_showing(client, "tax-adviser", urls):
        assert keys & invalidated
    # A row of the outlook and a correction purge the same pages.
    correction = Correction.objects.create(outlook=outlook, text="A count was wrong.")
    for row in (WhatChangedFactory(outlook=outlook), correction):
        assert content_keys.keys_for(row) == invalidated


def test_a_professions_keys_reach_every_page_that_shows_its_name(client, outlook, pages):
    invalidated = content_keys.keys_for(outlook.profession)
    for keys in pages_showing(client, "Tax Adviser", [*pages, reverse("accounts:signup")]):
        assert keys & invalidated


def test_a_skills_and_a_categorys_keys_reach_the_pages_naming_them(client, outlook):
    skill = outlook.skill_assessments.get().skill
    category = outlook.profession.category
    skill_keys = content_keys.keys_for(skill)
    for keys in pages_showing(
        client,
        "Bookkeeping",
        [outlook.get_absolute_url(), skill.get_absolute_url(), reverse("professions:skills")],
    ):
        assert keys & skill_keys
    category_keys = content_keys.keys_for(category)
    for keys in pages_showing(
        client,
        category.name,
        [
            outlook.get_absolute_url(),
            outlook.issue.get_absolute_url(),
            outlook.profession.get_absolute_url(),
            reverse("professions:directory"),
        ],
    ):
        assert keys & category_keys


def test_an_issues_keys_reach_its_pages_and_the_lists_of_what_goes_live_with_it(outlook):
    keys = content_keys.keys_for(outlook.issue)
    skill = outlook.skill_assessments.get().skill
    assert {
        f"issue-{outlook.issue_id}",
        f"issue-{outlook.issue_id}-contents",
        f"profession-{outlook.profession_id}-outlooks",
        f"skill-{skill.pk}-outlooks",
        "issues",
        "directory",
        "skills",
        "feeds",
        "sitemaps",
        "search",
    } <= keys


def test_only_public_content_has_keys(outlook):
    with pytest.raises(ValueError):
        content_keys.content_key(UserFactory())
    with pytest.raises(ValueError):
        content_keys.keys_for(UserFactory(username="other"))
