"""Fixtures shared by the publishing tests."""

import datetime

import pytest

from outlook.models import PublicationStatus
from tests.factories import IssueFactory


@pytest.fixture
def next_issue():
    return IssueFactory(publication_date=datetime.date(2027, 4, 20), status=PublicationStatus.DRAFT)
