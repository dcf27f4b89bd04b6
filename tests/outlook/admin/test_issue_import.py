"""Importing and exporting a whole issue through the admin's real upload form."""

import csv
import datetime
import io
import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from reversion.models import Version

from outlook.models import (
    AuditAction,
    AuditEntry,
    Exposure,
    Outlook,
    PublicationStatus,
    SkillAssessment,
    SkillVerdict,
    TaskAssessment,
)
from outlook.models.issue_import import ImportStatus, IssueImport
from outlook.transfer.issue_import_task import read_progress
from tests.factories import (
    InsightFactory,
    IssueFactory,
    ProfessionFactory,
    SkillAssessmentFactory,
    SkillFactory,
    TaskAssessmentFactory,
    WhatChangedFactory,
)
from tests.outlook.helpers import complete_outlook

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).parent / "sample_issue.csv"
UPLOAD_URL = "admin:outlook_issueimport_add"


@pytest.fixture
def catalogue():
    for name in ("Translator", "Copywriter"):
        ProfessionFactory(name=name)
    for name in ("Post-editing", "Cultural adaptation", "Brand voice"):
        SkillFactory(name=name)


@pytest.fixture
def next_issue():
    return IssueFactory(
        volume=1,
        number=5,
        status=PublicationStatus.DRAFT,
        publication_date=datetime.date(2027, 4, 20),
    )


def upload(client, issue, name, content):
    return client.post(
        reverse(UPLOAD_URL),
        {"issue": issue.pk, "file": SimpleUploadedFile(name, content)},
    )


def apply(client, job, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("admin:outlook_issueimport_change", args=[job.pk]))
    assert response.status_code == 302
    job.refresh_from_db()
    return job


def snapshot(issue) -> list:
    """Everything an issue's outlooks hold, to compare before and after an import."""
    return [
        (
            o.profession.slug,
            o.year,
            o.status,
            o.standfirst,
            o.body,
            o.updated_at,
            [(c.position, c.text) for c in o.changes.all()],
            [
                (t.position, t.task, t.exposure, t.rationale, t.aliases)
                for t in o.task_assessments.all()
            ],
            [
                (s.position, s.skill_id, s.verdict, s.rationale, s.next_step)
                for s in o.skill_assessments.all()
            ],
            [(i.position, i.text) for i in o.insights.all()],
        )
        for o in Outlook.objects.filter(issue=issue).with_page_data().order_by("pk")
    ]


def without_times(snapshot_rows: list) -> list:
    """A snapshot without each outlook's updated_at (an import that changes rows moves it)."""
    return [row[:5] + row[6:] for row in snapshot_rows]


def test_the_sample_csv_is_checked_shown_as_a_dry_run_and_applied_as_drafts(
    editor_client, editor, catalogue, next_issue, django_capture_on_commit_callbacks
):
    response = upload(editor_client, next_issue, "sample.csv", SAMPLE.read_bytes())
    assert response.status_code == 302
    job = IssueImport.objects.get()
    assert Outlook.objects.count() == 0  # checking writes nothing but the upload

    page = editor_client.get(response.url)
    assert page.status_code == 200
    counts = page.context["counts"]
    assert counts["outlooks"] == {"create": 2, "change": 0, "leave": 0}
    assert counts["rows"]["create"] == 10

    job = apply(editor_client, job, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.APPLIED, job.result
    assert read_progress(job.pk) == {"done": 2, "total": 2}
    translator = Outlook.objects.with_page_data().get(profession__slug="translator")
    assert translator.status == PublicationStatus.DRAFT
    assert translator.year == 2027 and translator.writer == editor
    assert translator.body == "Post-editing is now **most** of the paid work."
    assert translator.exposure_index == 50 and translator.high_count == 1
    assert [s.skill.slug for s in translator.skill_assessments.all()] == [
        "post-editing",
        "cultural-adaptation",
    ]
    routine = translator.task_assessments.get(task="Translate routine documents")
    assert routine.alias_lines == ["Post-edit machine translation", "Translate manuals"]
    assert translator.skill_assessments.get(skill__slug="post-editing").next_step.startswith(
        "Take a post-editing course"
    )
    # One audit entry and one revision per outlook, the revision holding its rows.
    assert AuditEntry.objects.filter(action=AuditAction.CREATED).count() == 2
    versions = Version.objects.get_for_object(translator)
    assert versions.count() == 1
    assert versions[0].revision.version_set.count() == 1 + 1 + 3 + 2 + 1


def test_the_validation_report_names_each_row_and_nothing_is_saved(
    editor_client, catalogue, next_issue
):
    sheet = (
        "profession_slug,year,record_type,position,name,rating,text\n"
        "translator,2027,outlook,,,,A standfirst.\n"
        "plumber,2027,outlook,,,,A standfirst.\n"
        "translator,,task,0,Translate,extreme,Why.\n"
        "translator,,task,1,Review,low,\n"
        "translator,,task,2,Translate documents,low,Why.\n"
        "translator,,task,3,translate  DOCUMENTS,high,Why.\n"
        "translator,,skill,0,juggling,resilient,Why.\n"
    )
    response = upload(editor_client, next_issue, "issue.csv", sheet.encode())
    assert response.status_code == 400
    problems = [str(problem) for problem in response.context["problems"]]
    assert problems == [
        "row 3: Unknown profession “plumber”.",
        "row 4: The exposure level must be one of high, medium, low, not “extreme”.",
        "row 5: The rationale is missing.",
        "row 7: Duplicate task “translate  DOCUMENTS” in translator.",
        "row 8: Unknown skill “juggling”.",
    ]
    assert IssueImport.objects.count() == 0 and Outlook.objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("issue.txt", b"hello", "Upload a .csv, .xlsx or .json file."),
        ("issue.csv", b"a,b\n1,2\n", "The first row must name the columns"),
        ("issue.csv", b"\xff\xfe\x00", "not UTF-8"),
        ("issue.xlsx", b"not a zip", "not an XLSX workbook"),
        ("issue.json", b"{", "not a JSON file"),
        ("issue.json", b"[]", "no “outlooks” list"),
    ],
)
def test_an_unreadable_file_gets_a_clear_400(editor_client, next_issue, name, content, message):
    response = upload(editor_client, next_issue, name, content)
    assert response.status_code == 400
    assert message in str(response.context["problems"][0])


def full_outlook(issue, slug, status=PublicationStatus.DRAFT):
    outlook = complete_outlook(status=status, issue=issue, profession__name=slug.title())
    outlook.body = "Formula-like text stays text:\n\n- a list"
    outlook.save()
    WhatChangedFactory(outlook=outlook, text="=SUM(A1) was a bullet", position=3)
    TaskAssessmentFactory(
        outlook=outlook,
        task="-Review code",
        exposure=Exposure.LOW,
        position=0,
        aliases="Review pull requests\n=Code review",
    )
    SkillAssessmentFactory(
        outlook=outlook,
        skill__name="SQL",
        verdict=SkillVerdict.VULNERABLE,
        next_step="Learn to check generated queries.",
    )
    InsightFactory(outlook=outlook, text="+Plus insight")
    return outlook


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_export_then_import_changes_nothing(
    editor_client, kind, django_capture_on_commit_callbacks
):
    issue = IssueFactory(status=PublicationStatus.PUBLISHED)
    full_outlook(issue, "backend", status=PublicationStatus.PUBLISHED)
    full_outlook(issue, "analyst")
    before = snapshot(issue)
    audit_before, versions_before = AuditEntry.objects.count(), Version.objects.count()

    export = editor_client.get(
        reverse("admin:outlook_issue_export"), {"issue": issue.pk, "format": kind}
    )
    assert export.status_code == 200
    assert export["Content-Disposition"].endswith(f'-full.{kind}"')
    response = upload(editor_client, issue, f"issue.{kind}", export.content)
    assert response.status_code == 302, response.context and response.context.get("problems")
    job = IssueImport.objects.get()
    counts = editor_client.get(response.url).context["counts"]
    assert counts["outlooks"] == {"create": 0, "change": 0, "leave": 2}
    assert counts["rows"] == {"create": 0, "change": 0, "leave": 12, "remove": 0}

    job = apply(editor_client, job, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.APPLIED
    assert snapshot(issue) == before
    assert (AuditEntry.objects.count(), Version.objects.count()) == (audit_before, versions_before)

    # The file carries the editor-only fields too (other wordings, next steps): importing it
    # into outlooks that lost them is a change of those rows, and brings them back.
    TaskAssessment.objects.filter(outlook__issue=issue).update(aliases="")
    SkillAssessment.objects.filter(outlook__issue=issue).update(next_step="")
    response = upload(editor_client, issue, f"issue.{kind}", export.content)
    assert response.status_code == 302
    counts = editor_client.get(response.url).context["counts"]
    assert counts["rows"] == {"create": 0, "change": 4, "leave": 8, "remove": 0}
    job = apply(editor_client, IssueImport.objects.latest("pk"), django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.APPLIED, job.result
    assert without_times(snapshot(issue)) == without_times(before)


def sheet_text(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue().encode()


def test_a_sheet_without_the_editor_only_columns_leaves_them_and_one_with_them_sets_them(
    editor_client, django_capture_on_commit_callbacks
):
    issue = IssueFactory(status=PublicationStatus.DRAFT)
    outlook = full_outlook(issue, "backend")
    sql = outlook.skill_assessments.get(skill__name="SQL")
    export = editor_client.get(
        reverse("admin:outlook_issue_export"), {"issue": issue.pk, "format": "csv"}
    )
    rows = list(csv.reader(io.StringIO(export.content.decode())))
    assert rows[0][-2:] == ["aliases", "next_step"]

    # Without the two columns: nothing to change, the stored wordings and next steps stay.
    response = upload(editor_client, issue, "old.csv", sheet_text([row[:-2] for row in rows]))
    assert response.status_code == 302
    assert editor_client.get(response.url).context["counts"]["outlooks"]["leave"] == 1

    # With them: a new wording and an emptied next step are changes of those rows.
    for row in rows:
        if row[2] == "task" and row[4] == "'-Review code":  # guarded as text
            row[7] = "Code review"
        if row[2] == "skill" and row[4] == sql.skill.slug:
            row[8] = ""
    response = upload(editor_client, issue, "new.csv", sheet_text(rows))
    assert response.status_code == 302
    page = editor_client.get(response.url)
    assert page.context["counts"]["rows"]["change"] == 2
    assert "task: +0 ~1 −0; skill: +0 ~1 −0;" in page.content.decode()
    job = apply(editor_client, IssueImport.objects.latest("pk"), django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.APPLIED, job.result
    assert outlook.task_assessments.get(task="-Review code").aliases == "Code review"
    sql.refresh_from_db()
    assert sql.next_step == ""
    assert outlook.task_assessments.get(task="Write production code").aliases == ""


def test_the_editor_only_columns_are_checked_row_by_row(editor_client, catalogue, next_issue):
    sheet = (
        "profession_slug,year,record_type,position,name,rating,text,aliases,next_step\n"
        "translator,2027,outlook,,,,A standfirst.,,\n"
        f"translator,,task,0,Translate,high,Why.,{'x' * 1001},\n"
        f"translator,,skill,0,post-editing,vulnerable,Why.,,{'y' * 601}\n"
        "translator,,skill,1,brand-voice,resilient,Why.,A wording,\n"
        "translator,,task,1,Review,low,Why.,,Take a course.\n"
    )
    response = upload(editor_client, next_issue, "issue.csv", sheet.encode())
    assert response.status_code == 400
    assert [str(problem) for problem in response.context["problems"]] == [
        "row 3: The “aliases” column is longer than 1000 characters.",
        "row 4: The “next_step” column is longer than 600 characters.",
        "row 5: The “aliases” column is for task rows only.",
        "row 6: The “next_step” column is for skill rows only.",
    ]
    assert IssueImport.objects.count() == 0 and Outlook.objects.count() == 0


def opendata_json(client, issue) -> dict:
    url = reverse("outlook:dataset_json", kwargs={"volume": issue.volume, "number": issue.number})
    response = client.get(url)
    # Served from storage as a file, or streamed while it is first written.
    return json.loads(b"".join(response.streaming_content))


def test_open_data_json_edits_a_live_outlook_and_leaves_what_it_does_not_carry(
    editor_client, editor, django_capture_on_commit_callbacks
):
    issue = IssueFactory(status=PublicationStatus.PUBLISHED)
    live = full_outlook(issue, "backend", status=PublicationStatus.PUBLISHED)
    document = opendata_json(editor_client, issue)
    document["outlooks"][0]["tasks"][1]["exposure"] = "high"
    document["outlooks"][0]["insights"].append("A new insight.")

    response = upload(editor_client, issue, "data.json", json.dumps(document).encode())
    assert response.status_code == 302
    page = editor_client.get(response.url)
    assert page.context["counts"]["live"] == [live.headline]
    assert b'id="import-live"' in page.content
    assert page.context["counts"]["rows"]["create"] == 1
    assert page.context["counts"]["rows"]["change"] == 1

    job = apply(editor_client, IssueImport.objects.get(), django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.APPLIED, job.result
    live.refresh_from_db()
    assert live.status == PublicationStatus.PUBLISHED
    assert live.body.startswith("Formula-like")  # not carried by the JSON: untouched
    assert list(live.changes.values_list("text", flat=True)) == ["=SUM(A1) was a bullet"]
    assert live.high_count == 2 and live.insights.count() == 2
    # Editor-only fields are not open data, and the JSON leaves them as they are.
    assert "Review pull requests" not in json.dumps(document)
    assert "Learn to check generated queries" not in json.dumps(document)
    assert live.task_assessments.get(task="-Review code").aliases.startswith("Review pull")
    assert live.skill_assessments.get(skill__name="SQL").next_step.startswith("Learn to")
    entry = AuditEntry.objects.filter(outlook=live, action=AuditAction.EDITED).get()
    assert entry.comment == "Changed: task assessments, key insights."
    assert Version.objects.get_for_object(live).count() == 1


def test_a_contributor_cannot_change_live_content_by_import(contributor_client):
    issue = IssueFactory(status=PublicationStatus.PUBLISHED)
    live = full_outlook(issue, "backend", status=PublicationStatus.PUBLISHED)
    document = opendata_json(contributor_client, issue)
    document["outlooks"][0]["standfirst"] = "Rewritten by a contributor."

    response = upload(contributor_client, issue, "data.json", json.dumps(document).encode())
    assert response.status_code == 400
    assert "You may not change" in str(response.context["problems"][0])
    live.refresh_from_db()
    assert live.standfirst != "Rewritten by a contributor."


def test_an_import_that_became_invalid_fails_whole_and_says_why(
    contributor_client, contributor, catalogue, next_issue, django_capture_on_commit_callbacks
):
    mine = complete_outlook(issue=next_issue, profession__name="Radiologist", writer=contributor)
    sheet = SAMPLE.read_text() + (
        "radiologist,2027,outlook,,,,New standfirst.\n"
        "radiologist,,task,0,Read scans,high,Models flag findings.\n"
        "radiologist,,skill,0,post-editing,resilient,Not really.\n"
    )
    response = upload(contributor_client, next_issue, "issue.csv", sheet.encode())
    assert response.status_code == 302
    Outlook.objects.filter(pk=mine.pk).update(status=PublicationStatus.IN_REVIEW)

    job = apply(contributor_client, IssueImport.objects.get(), django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.FAILED
    assert "You may not change" in job.result
    assert Outlook.objects.count() == 1  # the sample's two new outlooks were not kept


def test_someone_elses_import_is_not_theirs_to_see(client, contributor, catalogue, next_issue):
    job = IssueImport.objects.create(issue=next_issue, uploaded_by=None, file_name="x.csv")
    client.force_login(contributor)
    url = reverse("admin:outlook_issueimport_change", args=[job.pk])
    assert client.get(url).status_code == 404  # not even told it exists
    assert client.post(url).status_code == 404
    assert IssueImport.objects.get().status == ImportStatus.READY


def test_the_import_pages_have_bounded_queries(
    editor_client, catalogue, next_issue, django_assert_max_num_queries
):
    upload(editor_client, next_issue, "sample.csv", SAMPLE.read_bytes())
    job = IssueImport.objects.get()
    # prevents N+1
    with django_assert_max_num_queries(30):
        editor_client.get(reverse("admin:outlook_issueimport_change", args=[job.pk]))
    with django_assert_max_num_queries(15):
        editor_client.get(reverse("admin:outlook_issueimport_changelist"))


def test_the_commands_export_dry_run_and_import(editor, catalogue, next_issue, tmp_path):
    from django.core.management import call_command

    out = io.StringIO()
    call_command(
        "import_issue", str(SAMPLE), "--issue", "1/5", "--as", editor.username, "--dry-run",
        stdout=out,
    )  # fmt: skip
    assert "Outlooks: 2 to create, 0 to change, 0 to leave." in out.getvalue()
    assert Outlook.objects.count() == 0

    call_command("import_issue", str(SAMPLE), "--issue", "1/5", "--as", editor.username, stdout=out)
    assert Outlook.objects.filter(issue=next_issue).count() == 2
    assert AuditEntry.objects.filter(actor=editor).count() == 2

    target = tmp_path / "issue.xlsx"
    call_command("export_issue", "--issue", "1/5", "--format", "xlsx", "--output", str(target))
    out = io.StringIO()
    call_command("import_issue", str(target), "--issue", "1/5", "--as", editor.username, stdout=out)
    assert "0 to create, 0 to change, 2 to leave" in out.getvalue()


def test_progress_is_readable_while_the_import_runs(
    editor_client, catalogue, next_issue, django_capture_on_commit_callbacks
):
    from django.db.models.signals import post_save

    upload(editor_client, next_issue, "sample.csv", SAMPLE.read_bytes())
    job = IssueImport.objects.get()
    seen = []

    def observe(sender, instance, created, **kwargs):
        if created:  # each new outlook, inside the import's transaction
            seen.append(read_progress(job.pk))

    post_save.connect(observe, sender=Outlook, dispatch_uid="test-progress")
    try:
        apply(editor_client, job, django_capture_on_commit_callbacks)
    finally:
        post_save.disconnect(dispatch_uid="test-progress", sender=Outlook)
    assert seen == [{"done": 0, "total": 2}, {"done": 1, "total": 2}]
