"""The one table of workflow steps: which states each step may start from.

The services refuse a step from any other state, and the admin offers a button only for the
steps this table allows, so the two cannot disagree.
"""

from outlook.models.states import RELEASED, PublicationStatus

DRAFT, IN_REVIEW, SCHEDULED = (
    PublicationStatus.DRAFT,
    PublicationStatus.IN_REVIEW,
    PublicationStatus.SCHEDULED,
)
NOT_YET_LIVE = (DRAFT, IN_REVIEW, SCHEDULED)

# Step → the states it may start from, in the order the admin shows the steps.
OUTLOOK_STEPS = {
    "submit": (DRAFT,),
    # The writer takes back their own submission, to keep working on it.
    "withdraw": (IN_REVIEW,),
    "approve": (IN_REVIEW,),
    "return": (IN_REVIEW,),
    "publish": NOT_YET_LIVE,
    "schedule": NOT_YET_LIVE,
    "unpublish": RELEASED,
}
ISSUE_STEPS = {
    "publish": NOT_YET_LIVE,
    "schedule": NOT_YET_LIVE,
    "unpublish": RELEASED,
}


def steps_from(table: dict, status: str) -> list[str]:
    """Return the steps `table` allows from `status`, in order."""
    return [step for step, states in table.items() if status in states]
