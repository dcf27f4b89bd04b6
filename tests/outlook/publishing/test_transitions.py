"""One table of workflow steps: the admin offers what it allows, the services refuse the rest."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from outlook.admin.issue_workflow import MAKE_CURRENT, issue_actions
from outlook.admin.workflow import BUTTONS, outlook_actions
from outlook.models import PublicationStatus
from outlook.publishing import workflow
from outlook.publishing.transitions import ISSUE_STEPS, OUTLOOK_STEPS, steps_from
from tests.factories import IssueFactory, OutlookFactory
from tests.outlook.editors import content_editor

pytestmark = pytest.mark.django_db

LATER = timezone.now() + datetime.timedelta(days=3)


def step_of(button) -> str:
    return next(step for step, buttons in BUTTONS.items() if button in buttons)


def take(step, obj, user):
    """Take one step through the services, as the admin's buttons do."""
    if step == "submit":
        return workflow.submit_for_review(outlook=obj, user=user)
    if step == "withdraw":
        return workflow.withdraw_submission(outlook=obj, user=user)
    if step == "approve":
        return workflow.approve(outlook=obj, user=user)
    if step == "return":
        return workflow.return_to_draft(outlook=obj, user=user, comment="Why.")
    if step == "publish":
        return workflow.publish_outlook(outlook=obj, user=user)
    if step == "schedule":
        return workflow.schedule(outlook=obj, user=user, go_live_at=LATER)
    return workflow.unpublish(outlook=obj, user=user)


def released(status):
    return {"go_live_at": LATER} if status == PublicationStatus.SCHEDULED else {}


@pytest.mark.parametrize("status", PublicationStatus.values)
def test_the_outlook_buttons_take_only_steps_the_table_allows(status):
    editor = content_editor()
    outlook = OutlookFactory(status=status, writer=editor, **released(status))
    offered = {step_of(button) for button in outlook_actions(outlook, editor)}
    assert offered
    assert offered <= set(steps_from(OUTLOOK_STEPS, status))


@pytest.mark.parametrize("status", PublicationStatus.values)
def test_the_issue_buttons_are_the_table(status):
    editor = content_editor()
    issue = IssueFactory(status=status, **released(status))
    offered = [
        button.key if button is MAKE_CURRENT else step_of(button)
        for button in issue_actions(issue, editor)
    ]
    # Making an issue current is not a change of state: offered for a live issue only.
    assert offered == steps_from(ISSUE_STEPS, status) + (
        ["make_current"] if status == PublicationStatus.PUBLISHED else []
    )


@pytest.mark.parametrize("status", PublicationStatus.values)
def test_the_services_refuse_every_step_the_table_does_not_allow(status):
    editor = content_editor()
    refused = [step for step in OUTLOOK_STEPS if step not in steps_from(OUTLOOK_STEPS, status)]
    assert refused
    for step in refused:
        outlook = OutlookFactory(status=status, writer=editor, **released(status))
        with pytest.raises(ValidationError, match="it cannot be"):
            take(step, outlook, editor)
