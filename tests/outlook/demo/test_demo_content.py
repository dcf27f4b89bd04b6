import re
from collections import Counter

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.utils.html import escape

from outlook.models import (
    Correction,
    Insight,
    Issue,
    Outlook,
    SkillAssessment,
    TaskAssessment,
    WhatChanged,
)
from professions.models import Category, Profession, Skill
from tests.outlook.helpers import stored_counts_match_the_tasks

pytestmark = pytest.mark.django_db

MODELS = (Category, Profession, Skill, Issue, Outlook, WhatChanged, TaskAssessment, SkillAssessment)


def snapshot():
    return {model.__name__: sorted(model.objects.values_list("pk", flat=True)) for model in MODELS}


def test_demo_content_is_a_complete_published_issue():
    call_command("load_demo")
    issue = Issue.objects.published().get(volume=1, number=4)
    outlooks = Outlook.objects.published().filter(issue=issue).with_page_data()
    assert outlooks.count() >= 6
    assert len({outlook.profession.category_id for outlook in outlooks}) >= 3
    for outlook in outlooks:
        assert outlook.task_assessments.all(), outlook
        assert outlook.skill_assessments.all(), outlook
        assert outlook.changes.all(), outlook
        assert outlook.insights.all() or outlook.derived_insights, outlook
    assert stored_counts_match_the_tasks()


def test_running_the_demo_twice_changes_nothing():
    call_command("load_demo")
    before = snapshot()
    updated = list(Outlook.objects.order_by("pk").values_list("updated_at", flat=True))
    call_command("load_demo")
    assert snapshot() == before
    assert list(Outlook.objects.order_by("pk").values_list("updated_at", flat=True)) == updated
    assert Insight.objects.exists()


def test_every_demo_outlook_page_renders(client):
    call_command("load_demo")
    for outlook in Outlook.objects.select_related("profession"):
        assert client.get(outlook.get_absolute_url()).status_code == 200


def test_the_demo_shows_the_product():
    call_command("load_demo")
    issue = Issue.objects.published().first()
    outlooks = list(Outlook.objects.published().filter(issue=issue).with_page_data())
    assert len(outlooks) >= 12
    assert len({o.profession.category_id for o in outlooks}) >= 4
    for outlook in outlooks:
        assert 6 <= len(outlook.task_assessments.all()) <= 12, outlook
    indexes = Counter(o.exposure_index for o in outlooks)
    assert max(indexes.values()) <= 2, indexes
    with_history = [
        o
        for o in outlooks
        if o.profession.outlooks.published().filter(year__lt=o.year).count() >= 2
    ]
    assert len(with_history) >= 5
    assert Correction.objects.filter(outlook__in=outlooks).exists()
    standfirsts = [o.standfirst for o in Outlook.objects.all()]
    assert len(set(standfirsts)) == len(standfirsts), "each outlook has its own standfirst"
    assert "the work of an accountant" in " ".join(standfirsts)
    assert not re.search(r"\ba [aeio]", " ".join(standfirsts))


def test_the_demo_issue_median_is_stored_once_loaded(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    issue = Issue.objects.published().first()
    assert issue.median_refreshed_at is not None
    assert issue.median_index == 47


def test_every_demo_outlook_has_a_verdict_a_byline_and_sources(client):
    call_command("load_demo")
    outlooks = list(Outlook.objects.published().select_related("profession"))
    for outlook in outlooks:
        assert outlook.verdict and not outlook.missing_for_publication(), outlook
        assert outlook.bylines.exists() and outlook.sources.exists(), outlook
    html = client.get(outlooks[0].get_absolute_url()).content.decode()
    assert outlooks[0].verdict in html
    assert 'href="/authors/' in html


def test_demo_has_pictures_with_renditions_and_share_cards(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("load_demo")
    professions = list(Profession.objects.all())
    issues = list(Issue.objects.all())
    for owner, picture in [
        *((p, p.picture) for p in professions),
        *((i, i.cover_picture) for i in issues),
    ]:
        assert picture and len(picture.alt) > 40, owner
        assert default_storage.exists(picture.fallback.url.removeprefix(settings.MEDIA_URL))
    # The drawings differ per profession, and loading again keeps the same files.
    assert len({p.image.name for p in professions}) == len(professions)
    call_command("load_demo")
    assert [p.image.name for p in Profession.objects.all()] == [p.image.name for p in professions]
    current = Issue.objects.published().first()
    assert f'alt="{escape(current.cover_alt)}"' in client.get("/").content.decode()
    for profession in professions:
        page = client.get(profession.get_absolute_url()).content.decode()
        assert f'alt="{escape(profession.image_alt)}"' in page
    for outlook in Outlook.objects.published():
        html = client.get(outlook.get_absolute_url()).content.decode()
        assert '<meta property="og:image" content="http://testserver/media/share-cards/' in html
