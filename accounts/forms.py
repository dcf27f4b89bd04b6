from django import forms
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.models import Seniority, Signup
from outlook.models import Issue
from professions.models import Profession

TASKS_MAX_LENGTH = Signup._meta.get_field("tasks").max_length


class SignupForm(forms.Form):
    """The personalised-report form.

    A plain form, not a ModelForm: a ModelForm would check uniqueness and tell anyone
    whether an address has already signed up.
    """

    email = forms.EmailField(
        label=_("Your email"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "placeholder": "you@example.com"}),
    )
    profession = forms.ChoiceField(label=_("Your profession"))
    seniority = forms.ChoiceField(
        label=_("Seniority (optional)"),
        required=False,
        choices=[("", _("Prefer not to say")), *Seniority.choices],
    )
    tasks = forms.CharField(
        label=_("Your top tasks (optional)"),
        required=False,
        max_length=TASKS_MAX_LENGTH,
        help_text=_("One per line, in your own words. We match them to our assessment."),
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": TASKS_MAX_LENGTH}),
    )
    consent = forms.BooleanField(
        label=_("I agree that you store these details to send me my report."),
        error_messages={"required": _("Please agree so that we may send you the report.")},
    )
    issue = forms.ModelChoiceField(
        queryset=Issue.objects.published(), required=False, widget=forms.HiddenInput
    )
    # Hidden from people by CSS; bots that fill every field fill this one too.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, professions: list[Profession], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = format_html(
            '{} <a href="{}">{}</a>',
            self.fields["consent"].label,
            reverse("accounts:privacy"),
            _("Read the privacy notice."),
        )
        # The choices come from a list fetched once, so rendering runs no queries.
        self.professions = {profession.slug: profession for profession in professions}
        self.fields["profession"].choices = [
            ("", _("Choose your profession")),
            *((profession.slug, profession.name) for profession in professions),
        ]

    def clean_profession(self) -> Profession:
        return self.professions[self.cleaned_data["profession"]]

    @property
    def selected_profession(self) -> Profession | None:
        return self.professions.get(self["profession"].value())

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
