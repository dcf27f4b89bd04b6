"""The outlook form's rows through the test client: pasted lines and positions set by the server."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from outlook.models import AuditEntry, Exposure, Outlook, PublicationStatus, SkillVerdict
from tests.factories import (
    InsightFactory,
    IssueFactory,
    OutlookFactory,
    ProfessionFactory,
    SkillAssessmentFactory,
    SkillFactory,
    TaskAssessmentFactory,
)
from tests.outlook.admin.test_admin import outlook_form_data
from tests.outlook.form_html import form_data

pytestmark = pytest.mark.django_db


def change_url(outlook) -> str:
    return reverse("admin:outlook_outlook_change", args=[outlook.pk])


def draft_with_tasks(*names, **kwargs):
    outlook = OutlookFactory(status=PublicationStatus.DRAFT, **kwargs)
    for position, name in enumerate(names):
        TaskAssessmentFactory(outlook=outlook, task=name, position=position)
    return outlook


def submitted(client, outlook, **changes):
    """Post the change page as a browser would, with `changes` typed in."""
    data = form_data(client.get(change_url(outlook)), "outlook_form") | changes
    data["_continue"] = "Save and continue editing"
    return client.post(change_url(outlook), data)


def tasks_of(outlook) -> list[tuple[str, str, int]]:
    return list(outlook.task_assessments.values_list("task", "exposure", "position"))


def test_pasted_task_lines_become_rows_after_the_existing_ones(admin_client):
    outlook = draft_with_tasks("Write code", "Review code")
    audited = AuditEntry.objects.count()
    paste = (
        "Plan releases | HIGH | Schedules are drafted by tools.\n"
        "\n"
        "  Mentor juniors |low| People learn from people.  \n"
        "Triage bugs | Medium | Half of it is sorting.\n"
    )

    response = submitted(admin_client, outlook, **{"task_assessments-paste-rows": paste})

    assert response.status_code == 302, response.context["errors"]
    assert tasks_of(outlook) == [
        ("Write code", Exposure.MEDIUM, 0),
        ("Review code", Exposure.MEDIUM, 1),
        ("Plan releases", Exposure.HIGH, 2),
        ("Mentor juniors", Exposure.LOW, 3),
        ("Triage bugs", Exposure.MEDIUM, 4),
    ]
    # Saved through the gate: one audited edit naming the rows.
    entry = AuditEntry.objects.order_by("pk").last()
    assert AuditEntry.objects.count() == audited + 1
    assert "task assessments" in entry.comment
    outlook.refresh_from_db()
    assert (outlook.high_count, outlook.medium_count, outlook.low_count) == (1, 3, 1)


def test_a_wrong_pasted_line_is_named_and_nothing_is_applied(admin_client):
    outlook = draft_with_tasks("Write code")
    paste = (
        "Plan releases | high | Schedules are drafted by tools.\n"
        "Mentor juniors | low | People learn from people.\n"
        "Triage bugs | HGH | Half of it is sorting.\n"
        "Write code | low | Already there.\n"
        "Only two | parts\n"
        "No reason | low | \n"
    )

    response = submitted(
        admin_client,
        outlook,
        standfirst="A standfirst typed in the same save.",
        **{"task_assessments-paste-rows": paste},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "line 3: The exposure level must be one of high, medium, low, not “HGH”." in html
    assert "line 4: “Write code” is already a row here." in html
    assert "line 5: write “task | level | rationale” (3 parts separated by |), not 2." in html
    assert "line 6: The rationale is missing." in html
    assert "line 1:" not in html and "line 2:" not in html
    assert "No pasted row was added" in html
    # The box keeps what was pasted, to be corrected; nothing at all was saved.
    assert "Mentor juniors | low | People learn from people." in html
    assert tasks_of(outlook) == [("Write code", Exposure.MEDIUM, 0)]
    outlook.refresh_from_db()
    assert outlook.standfirst != "A standfirst typed in the same save."


def test_pasted_rows_shown_again_with_another_error_are_not_added_twice(admin_client):
    outlook = draft_with_tasks("Write code")
    response = submitted(
        admin_client,
        outlook,
        verdict="x" * 1000,  # too long: the page comes back
        **{"task_assessments-paste-rows": "Plan releases | high | Tools draft them."},
    )
    assert response.status_code == 200
    data = form_data(response, "outlook_form")
    # The line is now a row of the form, and the box is empty.
    assert data["task_assessments-paste-rows"].strip() == ""
    assert data["task_assessments-TOTAL_FORMS"] == "3"
    assert "Plan releases" in data.values()

    data |= {"verdict": "A verdict of the right length.", "_continue": "Save"}
    assert admin_client.post(change_url(outlook), data).status_code == 302
    assert [task for task, *_ in tasks_of(outlook)] == ["Write code", "Plan releases"]


def test_pasted_skill_lines_need_catalogue_skills_and_a_verdict(admin_client):
    outlook = draft_with_tasks("Write code")
    SkillAssessmentFactory(outlook=outlook, skill__name="Python", position=0)
    SkillFactory(name="System design", slug="system-design")
    SkillFactory(name="Code review", slug="code-review")

    wrong = submitted(
        admin_client,
        outlook,
        **{
            "skill_assessments-paste-rows": "system DESIGN | resilient | Needs context.\n"
            "Basket weaving | resilient | Hands.\n"
            "Code review | maybe | Unsure.\n"
            "python | vulnerable | Again.\n"
        },
    )
    html = wrong.content.decode()
    assert "line 2: Unknown skill “Basket weaving”." in html
    assert "line 3: The verdict must be one of vulnerable, resilient, not “maybe”." in html
    assert "line 4: “python” is already a row here." in html
    assert outlook.skill_assessments.count() == 1

    right = submitted(
        admin_client,
        outlook,
        **{
            "skill_assessments-paste-rows": "system DESIGN | Resilient | Needs context.\n"
            "code-review | VULNERABLE | Tools flag most issues.\n"
        },
    )
    assert right.status_code == 302, right.context["errors"]
    assert list(
        outlook.skill_assessments.values_list("skill__name", "verdict", "position", "rationale")
    ) == [
        ("Python", SkillVerdict.VULNERABLE, 0, "Tools now do much of it."),
        ("System design", SkillVerdict.RESILIENT, 1, "Needs context."),
        ("Code review", SkillVerdict.VULNERABLE, 2, "Tools flag most issues."),
    ]


def test_new_rows_without_positions_follow_the_stored_ones(admin_client):
    """Without the script, a new row's position is blank: it goes last, never to 0."""
    outlook = draft_with_tasks()
    TaskAssessmentFactory(outlook=outlook, task="Third", position=5)
    TaskAssessmentFactory(outlook=outlook, task="First", position=2)
    page = admin_client.get(change_url(outlook))
    data = form_data(page, "outlook_form")
    assert data["task_assessments-2-position"] == ""  # the extra row's hidden position

    data |= {
        "task_assessments-2-task": "Fourth",
        "task_assessments-2-exposure": "low",
        "task_assessments-2-rationale": "Typed without the script.",
        "_continue": "Save",
    }
    assert admin_client.post(change_url(outlook), data).status_code == 302
    assert tasks_of(outlook) == [
        ("First", Exposure.MEDIUM, 2),
        ("Third", Exposure.MEDIUM, 5),
        ("Fourth", Exposure.LOW, 6),  # the blank extra row after it is not saved
    ]


def test_a_new_outlook_s_rows_are_numbered_in_form_order(admin_client):
    issue, profession, skills = IssueFactory(), ProfessionFactory(), [SkillFactory()]
    data = outlook_form_data(issue, profession, skills)
    for key in [k for k in data if k.endswith("-position")]:
        data[key] = ""
    data |= {"task_assessments-paste-rows": "Test code | medium | Partly generated."}

    response = admin_client.post(reverse("admin:outlook_outlook_add"), data)

    assert response.status_code == 302, response.context["errors"]
    outlook = Outlook.objects.get()
    assert tasks_of(outlook) == [
        ("Write production code", Exposure.HIGH, 0),
        ("Design systems", Exposure.LOW, 1),
        ("Test code", Exposure.MEDIUM, 2),
    ]


def test_positions_the_script_writes_reorder_the_rows(admin_client):
    outlook = draft_with_tasks("A", "B", "C")
    InsightFactory(outlook=outlook, text="Kept as it was", position=0)
    data = form_data(admin_client.get(change_url(outlook)), "outlook_form")
    by_name = {data[f"task_assessments-{i}-task"]: i for i in range(3)}
    for position, name in enumerate(["C", "A", "B"]):
        data[f"task_assessments-{by_name[name]}-position"] = str(position)
    data["_continue"] = "Save"

    assert admin_client.post(change_url(outlook), data).status_code == 302
    assert [task for task, *_ in tasks_of(outlook)] == ["C", "A", "B"]
    assert list(outlook.insights.values_list("text", "position")) == [("Kept as it was", 0)]


def test_a_blank_paste_and_blank_extra_rows_change_nothing(admin_client):
    outlook = draft_with_tasks("Write code")
    audited = AuditEntry.objects.count()
    response = submitted(admin_client, outlook, **{"task_assessments-paste-rows": "\n  \n"})
    assert response.status_code == 302
    assert tasks_of(outlook) == [("Write code", Exposure.MEDIUM, 0)]
    assert AuditEntry.objects.count() == audited  # nothing changed, nothing recorded


def test_a_view_only_page_has_no_paste_box_and_no_move_buttons(client, django_user_model):
    outlook = draft_with_tasks("Write code")
    viewer = django_user_model.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_outlook", "view_taskassessment"])
    )
    client.force_login(viewer)
    response = client.get(change_url(outlook))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Write code" in html
    assert "task_assessments-paste-rows" not in html
    assert 'class="row-move"' not in html
