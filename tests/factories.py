import datetime

import factory
from django.utils import timezone
from django.utils.text import slugify

from accounts.models import Signup, SignupStatus, User
from outlook.models import (
    RELEASED,
    Exposure,
    Insight,
    Issue,
    Outlook,
    PublicationStatus,
    SkillAssessment,
    SkillVerdict,
    TaskAssessment,
    WhatChanged,
)
from professions.models import Category, Profession, Skill

# Published factory content went live at this moment, well before any test's clock.
LIVE_SINCE = datetime.datetime(2026, 4, 20, 6, 0, tzinfo=datetime.UTC)


def go_live_for(obj):
    return LIVE_SINCE if obj.status in RELEASED else None


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.com")
    password = factory.django.Password("a-long-test-password")


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Category
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Category {n}")
    slug = factory.LazyAttribute(lambda category: slugify(category.name))


class ProfessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Profession

    name = factory.Sequence(lambda n: f"Profession {n}")
    slug = factory.LazyAttribute(lambda profession: slugify(profession.name))
    category = factory.SubFactory(CategoryFactory)
    description = "Does the work of the profession."


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Skill {n}")
    slug = factory.LazyAttribute(lambda skill: slugify(skill.name))


class IssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Issue

    volume = 1
    number = factory.Sequence(lambda n: n + 1)
    publication_date = datetime.date(2026, 4, 20)
    title = factory.LazyAttribute(lambda issue: f"{issue.publication_date.year} Outlook")
    status = PublicationStatus.PUBLISHED
    go_live_at = factory.LazyAttribute(go_live_for)


class OutlookFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlook

    issue = factory.SubFactory(IssueFactory)
    profession = factory.SubFactory(ProfessionFactory)
    verdict = "Not replaced: some of its tasks are exposed, most are not."
    standfirst = "How exposed this profession's work is to AI, task by task."
    status = PublicationStatus.PUBLISHED
    go_live_at = factory.LazyAttribute(go_live_for)


class TaskAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TaskAssessment

    outlook = factory.SubFactory(OutlookFactory)
    task = factory.Sequence(lambda n: f"Task {n}")
    exposure = Exposure.MEDIUM
    rationale = "Some of it is automated; some of it needs judgement."


class SkillAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillAssessment

    outlook = factory.SubFactory(OutlookFactory)
    skill = factory.SubFactory(SkillFactory)
    verdict = SkillVerdict.VULNERABLE
    rationale = "Tools now do much of it."


class WhatChangedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WhatChanged

    outlook = factory.SubFactory(OutlookFactory)
    text = factory.Sequence(lambda n: f"Something changed ({n}).")


class InsightFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Insight

    outlook = factory.SubFactory(OutlookFactory)
    text = factory.Sequence(lambda n: f"An editor's insight ({n}).")


class SignupFactory(factory.django.DjangoModelFactory):
    """A reader's signup; confirmed unless told otherwise."""

    class Meta:
        model = Signup

    email = factory.Sequence(lambda n: f"reader{n}@example.com")
    profession = factory.SubFactory(ProfessionFactory)
    status = SignupStatus.NEW
    confirmed_at = factory.LazyFunction(timezone.now)
