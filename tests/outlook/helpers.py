"""Helpers for the workflow tests: role users and complete outlooks."""

from django.contrib.auth.models import Group

from outlook.models import Exposure, Outlook, PublicationStatus, SkillVerdict
from tests.factories import (
    OutlookFactory,
    SkillAssessmentFactory,
    TaskAssessmentFactory,
    UserFactory,
)


def staff_in(group: str, username: str):
    """A staff member whose only rights come from one editorial group."""
    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


def complete_outlook(status=PublicationStatus.DRAFT, **kwargs):
    """An outlook with everything publishing asks for: standfirst, a task and a skill."""
    if "issue" not in kwargs:
        kwargs.setdefault("issue__status", PublicationStatus.PUBLISHED)
    outlook = OutlookFactory(status=status, **kwargs)
    TaskAssessmentFactory(outlook=outlook, task="Write production code", exposure=Exposure.HIGH)
    SkillAssessmentFactory(outlook=outlook, skill__name="Python", verdict=SkillVerdict.VULNERABLE)
    return outlook


def stored_counts_match_the_tasks():
    """Whether every outlook's stored counts equal a count of its tasks made now."""
    for outlook in Outlook.objects.prefetch_related("task_assessments"):
        stored = {level: getattr(outlook, f"{level}_count") for level in Exposure.values}
        if stored != outlook.exposure_counts:
            return False
    return True
