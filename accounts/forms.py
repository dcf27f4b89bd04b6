from django import forms
from django.urls import reverse
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from accounts.models import Seniority, Signup
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
    # Hidden from people by CSS; bots that fill every field fill this one too.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(
        self, *args, professions: list[Profession], fixed_profession: bool = False, **kwargs
    ):
        super().__init__(*args, **kwargs)
        if fixed_profession:
            # On a profession's own pages the profession is known: a hidden field, not a list
            # of every profession (most of such a page's weight and rendering time).
            self.fields["profession"].widget = forms.HiddenInput()
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
