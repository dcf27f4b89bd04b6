"""The admin's outlook search finds outlooks by their tasks, whichever door changed the tasks.

On PostgreSQL it matches each outlook's stored task document (outlook/models/task_documents.py),
so each door that changes tasks (the admin form, a restored revision, an issue import) must
leave that document current; elsewhere it searches the tasks themselves.
"""

import pytest
import reversion
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from outlook.models import Outlook, PublicationStatus, TaskAssessment
from outlook.models.issue_import import ImportStatus, IssueImport
from outlook.publishing.revisions import register_models
from tests.outlook.admin.test_issue_import import (  # noqa: F401  (fixtures)
    SAMPLE,
    apply,
    catalogue,
    next_issue,
    upload,
)
from tests.outlook.form_html import form_data
from tests.outlook.helpers import complete_outlook

pytestmark = pytest.mark.django_db

register_models()


def searched(client, query: str) -> set[int]:
    response = client.get(reverse("admin:outlook_outlook_changelist"), {"q": query})
    assert response.status_code == 200
    return {outlook.pk for outlook in response.context["cl"].result_list}


def rename_task_in_the_admin(client, outlook, name: str):
    url = reverse("admin:outlook_outlook_change", args=[outlook.pk])
    data = form_data(client.get(url), "outlook_form") | {"task_assessments-0-task": name}
    response = client.post(url, data)
    assert response.status_code == 302, response.context["errors"]


def test_an_outlook_is_found_by_a_task_renamed_in_the_admin_form(admin_client):
    outlook = complete_outlook(status=PublicationStatus.DRAFT)
    complete_outlook(profession__name="Bystander")
    assert searched(admin_client, "production") == {outlook.pk, *searched(admin_client, "code")}
    rename_task_in_the_admin(admin_client, outlook, "Reconcile ledgers")
    assert searched(admin_client, "ledgers") == {outlook.pk}
    assert outlook.pk not in searched(admin_client, "production")


def test_an_outlook_is_found_by_its_tasks_again_after_a_restore(admin_client, admin_user):
    outlook = complete_outlook(status=PublicationStatus.DRAFT)
    with reversion.create_revision():
        reversion.set_user(admin_user)
        outlook.save()
    old_version = Version.objects.get_for_object(outlook).first()
    rename_task_in_the_admin(admin_client, outlook, "Reconcile ledgers")
    assert searched(admin_client, "production") == set()

    url = reverse("admin:outlook_outlook_revision", args=[outlook.pk, old_version.pk])
    assert admin_client.post(url).status_code == 302
    assert TaskAssessment.objects.get(outlook=outlook).task == "Write production code"
    assert searched(admin_client, "production") == {outlook.pk}
    assert searched(admin_client, "ledgers") == set()


def test_imported_outlooks_are_found_by_their_tasks(
    admin_client,
    catalogue,  # noqa: F811  (the fixture imported above)
    next_issue,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    assert upload(admin_client, next_issue, "sample.csv", SAMPLE.read_bytes()).status_code == 302
    job = apply(admin_client, IssueImport.objects.get(), django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.APPLIED
    translator = Outlook.objects.get(profession__name="Translator")
    assert searched(admin_client, "routine documents") == {translator.pk}


@pytest.mark.postgresql
def test_on_postgresql_the_outlook_search_reads_no_task_row(admin_client):
    complete_outlook()
    with CaptureQueriesContext(connection) as queries:
        searched(admin_client, "production")
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "task_document" in sql and "outlook_taskassessment" not in sql
