"""The reviewer's form on a report's page: confirm or change each match, add a personal note."""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Signup
from accounts.reports import Report
from accounts.task_matching import Confidence
from outlook.models import TaskAssessment

NO_MATCH = ""


class ReportReviewForm(forms.Form):
    """One select per reader task (an assessed task of the outlook, or no match), and a note."""

    outlook = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Personal note to the reader"),
        required=False,
        max_length=Signup._meta.get_field("report_note").max_length,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
        help_text=_("Optional; shown at the top of the report, above their tasks."),
    )

    def __init__(self, *args, report: Report, **kwargs):
        super().__init__(*args, **kwargs)
        self.report = report
        self.assessments = {
            str(assessment.pk): assessment for assessment in report.outlook.task_assessments.all()
        }
        choices = [
            (NO_MATCH, _("No match: “We have not assessed this task”")),
            *(
                (pk, f"{assessment.task} ({assessment.get_exposure_display()})")
                for pk, assessment in self.assessments.items()
            ),
        ]
        self.fields["outlook"].initial = report.outlook.pk
        self.fields["note"].initial = report.note
        for position, match in enumerate(report.task_matches):
            state = _("not confirmed yet")
            if match.confirmed:
                state = _("changed by the reviewer") if match.changed else _("confirmed")
            self.fields[self.match_field(position)] = forms.ChoiceField(
                label=match.reader_task,
                choices=choices,
                required=False,
                initial=str(match.assessment.pk) if match.assessment else NO_MATCH,
                help_text=_("The rule's proposal: %(confidence)s; %(state)s.")
                % {"confidence": Confidence(match.confidence).label, "state": state},
            )

    @staticmethod
    def match_field(position: int) -> str:
        return f"match_{position}"

    def match_fields(self):
        return [self[self.match_field(i)] for i in range(len(self.report.task_matches))]

    def clean_outlook(self):
        if self.cleaned_data["outlook"] != self.report.outlook.pk:
            raise forms.ValidationError(
                _("A newer outlook was published meanwhile: check the matches against it.")
            )
        return self.cleaned_data["outlook"]

    def decisions(self) -> list[tuple[str, TaskAssessment | None, str, bool]]:
        """Return (reader task, chosen assessed task or None, the rule's confidence, changed)."""
        chosen = []
        for position, match in enumerate(self.report.task_matches):
            picked = self.assessments.get(self.cleaned_data[self.match_field(position)])
            changed = picked != match.proposal.assessment
            chosen.append((match.reader_task, picked, match.confidence, changed))
        return chosen
