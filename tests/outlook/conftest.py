import pytest

from outlook.models import PublicationStatus
from tests.factories import IssueFactory
from tests.outlook.helpers import staff_in


@pytest.fixture
def contributor(db):
    return staff_in("Contributor", "casey")


@pytest.fixture
def editor(db):
    return staff_in("Editor", "eden")


@pytest.fixture
def contributor_client(client, contributor):
    client.force_login(contributor)
    return client


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def draft_issue(db):
    return IssueFactory(status=PublicationStatus.DRAFT)
