import csv
import io
import json

import pytest
from django.core.management import call_command

from outlook.models import Exposure, Issue, Outlook, PublicationStatus, SkillVerdict
from outlook.publishing import edits
from outlook.reading import datasets
from outlook.reading.opendata import CSV_COLUMNS
from tests.factories import (
    InsightFactory,
    IssueFactory,
    OutlookFactory,
    SkillAssessmentFactory,
    TaskAssessmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def body(response) -> str:
    return b"".join(response.streaming_content).decode()


# The documented column set (README, "Open data"): changing it breaks readers' scripts.
DOCUMENTED_COLUMNS = [
    "issue_volume",
    "issue_number",
    "issue_date",
    "issue_title",
    "year",
    "profession_slug",
    "profession_name",
    "category",
    "outlook_url",
    "exposure_index",
    "record_type",
    "position",
    "name",
    "rating",
    "text",
]


@pytest.fixture
def issue():
    issue = IssueFactory(volume=1, number=4)
    outlook = OutlookFactory(
        issue=issue, profession__name="Accountant", standfirst="Numbers, mostly."
    )
    TaskAssessmentFactory(
        outlook=outlook, task="Reconcile accounts", exposure=Exposure.HIGH, rationale="Rules."
    )
    TaskAssessmentFactory(outlook=outlook, task="Advise", exposure=Exposure.LOW, rationale="Trust.")
    SkillAssessmentFactory(
        outlook=outlook,
        skill__name="Bookkeeping",
        verdict=SkillVerdict.VULNERABLE,
        rationale='Automated, "mostly", for now',
    )
    InsightFactory(outlook=outlook, text="Advice is the job now.")
    draft = OutlookFactory(
        issue=issue, profession__name="Secret Job", status=PublicationStatus.DRAFT
    )
    TaskAssessmentFactory(outlook=draft, task="Secret task")
    return issue


def test_the_csv_has_the_documented_columns_and_every_record(client, issue):
    assert CSV_COLUMNS == DOCUMENTED_COLUMNS
    response = client.get("/issues/1/4/data.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="outlook-vol-1-no-4.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body(response))))
    assert list(rows[0]) == DOCUMENTED_COLUMNS
    assert [(r["record_type"], r["name"], r["rating"]) for r in rows] == [
        ("outlook", "Will AI Replace Accountant in 2026?", ""),
        ("task", "Reconcile accounts", "high"),
        ("task", "Advise", "low"),
        ("skill", "Bookkeeping", "vulnerable"),
        ("insight", "", ""),
    ]
    assert {r["exposure_index"] for r in rows} == {"50"}
    assert rows[3]["text"] == 'Automated, "mostly", for now'
    assert rows[4]["text"] == "Advice is the job now."
    assert rows[0]["outlook_url"] == "http://127.0.0.1:8000/2026/accountant/"
    assert "Secret" not in body(response)


def test_editor_text_never_runs_as_a_spreadsheet_formula(client, issue):
    outlook = issue.outlooks.get(profession__name="Accountant")
    TaskAssessmentFactory(
        outlook=outlook, task='=HYPERLINK("http://x")', rationale="@SUM(A1)", position=7
    )
    rows = list(csv.DictReader(io.StringIO(body(client.get("/issues/1/4/data.csv")))))
    task = next(r for r in rows if r["position"] == "7")
    assert (task["name"], task["text"]) == ('\'=HYPERLINK("http://x")', "'@SUM(A1)")
    # Numbers stay numbers; only text can start a formula.
    assert task["exposure_index"].isdigit()
    # The JSON carries the text as written: programs read it, not spreadsheets.
    tasks = json.loads(body(client.get("/issues/1/4/data.json")))["outlooks"][0]["tasks"]
    assert tasks[-1]["task"] == '=HYPERLINK("http://x")'


def test_the_json_nests_tasks_skills_and_insights_per_outlook(client, issue):
    response = client.get("/issues/1/4/data.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    data = json.loads(body(response))
    assert data["schema_version"] == 1
    assert data["issue"] == {
        "volume": 1,
        "number": 4,
        "date": "2026-04-20",
        "title": "2026 Outlook",
        "url": "http://127.0.0.1:8000/issues/1/4/",
    }
    (outlook,) = data["outlooks"]
    assert outlook["profession"]["name"] == "Accountant"
    assert outlook["exposure_index"] == 50
    assert outlook["tasks"][0] == {
        "task": "Reconcile accounts",
        "exposure": "high",
        "rationale": "Rules.",
    }
    assert outlook["skills"][0]["verdict"] == "vulnerable"
    assert outlook["insights"] == ["Advice is the job now."]


def test_downloads_have_bounded_queries(client, issue, django_assert_max_num_queries):
    for _ in range(55):
        outlook = OutlookFactory(issue=issue)
        TaskAssessmentFactory(outlook=outlook)
        SkillAssessmentFactory(outlook=outlook)
    # prevents N+1
    with django_assert_max_num_queries(16):
        # The first download writes both files (the immediate queue runs the task here).
        assert client.get("/issues/1/4/data.csv").status_code == 200
    # The next ones read the issue and the stored file.
    with django_assert_max_num_queries(2):
        assert len(json.loads(body(client.get("/issues/1/4/data.json")))["outlooks"]) == 56


def test_downloads_are_served_from_the_files_written_after_each_change(client, issue, after_commit):
    assert "Numbers, mostly." in body(client.get("/issues/1/4/data.csv"))
    outlook = Outlook.objects.get(issue=issue, profession__name="Accountant")
    # Changed without the gate: the stored files do not know.
    Outlook.objects.filter(pk=outlook.pk).update(standfirst="Behind the gate's back.")
    assert "Numbers, mostly." in body(client.get("/issues/1/4/data.csv"))
    # An edit through the gate writes them again.
    editor = UserFactory(username="chief", is_staff=True, is_superuser=True)
    with after_commit():
        edits.edit_fields(obj=outlook, user=editor, standfirst="Edited while live.")
    assert "Edited while live." in body(client.get("/issues/1/4/data.csv"))
    assert "Edited while live." in body(client.get("/issues/1/4/data.json"))


def test_a_draft_edit_writes_no_dataset(client, issue, after_commit, monkeypatch):
    client.get("/issues/1/4/data.csv")
    written = []
    monkeypatch.setattr(datasets, "write_datasets", written.append)
    draft = Outlook.objects.get(issue=issue, profession__name="Secret Job")
    editor = UserFactory(username="chief", is_staff=True, is_superuser=True)
    with after_commit():
        edits.edit_fields(obj=draft, user=editor, standfirst="Still a draft.")
    assert written == []


def test_the_rebuild_command_writes_every_live_issue_and_removes_the_others(client, issue):
    withdrawn = IssueFactory(volume=1, number=5)
    datasets.write_datasets(withdrawn)
    Issue.objects.filter(pk=withdrawn.pk).update(status=PublicationStatus.DRAFT)
    call_command("rebuild_datasets", stdout=io.StringIO())
    assert datasets.generations(issue.pk)
    assert datasets.open_current(withdrawn, "csv") is None
    assert datasets.open_current(issue, "json") is not None


def test_a_draft_issue_has_no_downloads(client):
    IssueFactory(volume=2, number=1, status=PublicationStatus.DRAFT)
    assert client.get("/issues/2/1/data.csv").status_code == 404
    assert client.get("/issues/2/1/data.json").status_code == 404
