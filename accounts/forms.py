from django import forms
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from accounts.models import Seniority, Signup
from accounts.profession_requests import NAME_MAX_LENGTH
from outlook.models import Issue
from professions.models import Profession

TASKS_MAX_LENGTH = Signup._meta.get_field("tasks").max_length


def html_attributes(attrs: dict) -> str:
    """Render attributes as Django's widgets/attrs.html does: True bare, False left out."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(value)}"'
        for name, value in attrs.items()
        if value is not False and value is not None
    )


class LongSelect(forms.Select):
    """A flat <select> for thousands of options, with the same HTML as Django's Select.

    Django renders each option through its own template; with 2 000 professions that was most
    of an outlook page's time. Here the options are joined as escaped strings instead.
    """

    def render(self, name, value, attrs=None, renderer=None):
        if any(isinstance(label, (list, tuple)) for _value, label in self.choices):
            return super().render(name, value, attrs, renderer)  # option groups: Django's way
        selected = self.format_value(value)
        options, found = [], False
        for option_value, label in self.choices:
            option_value = "" if option_value is None else str(option_value)
            is_selected = not found and option_value in selected
            found = found or is_selected
            options.append(
                f'\n  <option value="{escape(option_value)}"'
                f"{' selected' if is_selected else ''}>{escape(label)}</option>"
            )
        final_attrs = html_attributes(self.build_attrs(self.attrs, attrs))
        return mark_safe(
            f'<select name="{escape(name)}"{final_attrs}>{"".join(options)}\n</select>'
        )


def consent_label(agreement: str) -> str:
    """Return a consent checkbox's label: what the reader agrees to, and the privacy notice."""
    return format_html(
        '{} <a href="{}">{}</a>',
        agreement,
        reverse("accounts:privacy"),
        _("Read the privacy notice."),
    )


def honeypot_field() -> forms.CharField:
    # Hidden from people by CSS; bots that fill every field fill this one too.
    return forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )


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
    profession = forms.ChoiceField(label=_("Your profession"), widget=LongSelect)
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
    website = honeypot_field()

    def __init__(
        self, *args, professions: list[Profession], fixed_profession: bool = False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        if fixed_profession:
            # On a profession's own pages the profession is known: a hidden field, not a list
            # of every profession (most of such a page's weight and rendering time).
            self.fields["profession"].widget = forms.HiddenInput()
        self.fields["consent"].label = consent_label(self.fields["consent"].label)
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


class ProfessionRequestForm(forms.Form):
    """Ask for a profession we do not cover, optionally to be told when it is published."""

    name = forms.CharField(label=_("Profession"), max_length=NAME_MAX_LENGTH)
    email = forms.EmailField(
        label=_("Your email (optional)"),
        required=False,
        max_length=254,
        help_text=_("Only if you want one email when we publish it."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "placeholder": "you@example.com"}),
    )
    consent = forms.BooleanField(
        label=_("I agree that you store my address to tell me when it is published."),
        required=False,
    )
    website = honeypot_field()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = consent_label(self.fields["consent"].label)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("email") and not cleaned.get("consent"):
            self.add_error(
                "consent", _("Please agree so that we may email you, or leave the address out.")
            )
        return cleaned

    @property
    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))
