"""An outlook's ordered rows in the admin: reordered by hand, numbered by the server, pasted.

Each row's position is a hidden field. The rows' script (static/admin/outlook/rows.js) moves
rows by drag or by "Move up"/"Move down" buttons and writes their positions in page order;
without it, rows keep their stored positions and new rows (sent without one) go after them in
form order, never all at 0.

Tasks and skills also take a pasted block of lines ("task | level | rationale",
"skill | verdict | why"). The server checks every line with the issue import's rules and, only
if all of them pass, adds them as new rows of the formset, so they are validated and saved with
the typed rows, through the gate, or not at all.
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outlook.admin.autocomplete import show_without_query
from outlook.admin.gate import RowsWhileLiveFormSet
from outlook.models import task_key
from outlook.transfer.issue_import import Checker
from professions.models import Skill

POSITION = "position"
# What each pasted line holds, in order, by the kind of row it becomes.
PASTE_COLUMNS = {
    "task": ("task", "exposure", "rationale"),
    "skill": ("skill", "verdict", "rationale"),
}
PASTE_FORMATS = {
    "task": gettext_lazy("task | level | rationale"),
    "skill": gettext_lazy("skill | verdict | why"),
}
PASTE_HELP = {
    "task": gettext_lazy("One task a line; level is high, medium or low (any case)."),
    "skill": gettext_lazy(
        "One skill a line, named as in the catalogue; verdict is vulnerable or resilient."
    ),
}


class OrderedRowForm(forms.ModelForm):
    """A row whose position is kept out of sight and does not by itself make a new row."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.unplaced = False
        field = self.fields.get(POSITION)
        if field is not None:
            field.widget = forms.HiddenInput()
            field.required = False
            if self.instance.pk is None:
                # A new row has no place yet: the script or the formset gives it one.
                field.initial = None

    def clean_position(self):
        position = self.cleaned_data[POSITION]
        if position is None:
            self.unplaced = True  # placed by OrderedRowFormSet.clean()
            return 0
        return position

    def has_changed(self):
        if self.instance.pk is None:
            return any(name != POSITION for name in self.changed_data)
        return super().has_changed()


def number(value) -> int | None:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


class OrderedRowFormSet(forms.BaseInlineFormSet):
    """Place the rows that came without a position after the others, in form order."""

    def __init__(self, data=None, *args, **kwargs):
        super().__init__(data.copy() if data is not None else None, *args, **kwargs)
        if self.is_bound and self.management_form.is_valid():
            self.add_bound_rows()

    def add_bound_rows(self) -> None:
        """Add rows to the submitted data before the forms are built (pasted rows)."""

    def row_key(self, index: int, name: str) -> str:
        return f"{self.add_prefix(index)}-{name}"

    def clean(self):
        super().clean()
        kept = [
            form
            for form in self.forms
            if hasattr(form, "cleaned_data")
            and (form.instance.pk or form.has_changed())
            and not (self.can_delete and self._should_delete_form(form))
        ]
        placed = [form.instance.position for form in kept if not form.unplaced]
        following = max(placed, default=-1) + 1
        for form in kept:
            if form.unplaced:
                form.instance.position, following = following, following + 1


class PastedRowsForm(forms.Form):
    """The "paste rows" box of one inline: every line is checked before any becomes a row."""

    rows = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, kind: str, taken: set[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.kind, self.taken, self.parsed = kind, taken, []
        field = self.fields["rows"]
        field.label = _("Paste rows: %(format)s") % {"format": PASTE_FORMATS[kind]}
        field.help_text = PASTE_HELP[kind]

    def clean_rows(self):
        self.parsed, errors = parse_pasted_rows(self.cleaned_data["rows"], self.kind, self.taken)
        if errors:
            raise ValidationError(errors)
        return self.cleaned_data["rows"]


def parse_pasted_rows(text: str, kind: str, taken: set[str]) -> tuple[list[dict], list[str]]:
    """Return the rows the lines describe and the problems, one per faulty line."""
    checker, rows, errors, seen = None, [], [], set(taken)
    for number_, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = _("line %(number)d") % {"number": number_}
        parts = [part.strip() for part in line.split("|")]
        if len(parts) != 3:
            errors.append(
                _("%(where)s: write “%(format)s” (3 parts separated by |), not %(count)d.")
                % {"where": where, "format": PASTE_FORMATS[kind], "count": len(parts)}
            )
            continue
        checker = checker or Checker()
        before = len(checker.problems)
        row = checker.row(kind, where, *parts, position=None)
        errors += [str(problem) for problem in checker.problems[before:]]
        if row is None:
            continue
        key = task_key(row[kind])
        if key in seen:
            errors.append(
                _("%(where)s: “%(name)s” is already a row here.")
                % {"where": where, "name": parts[0]}
            )
            continue
        seen.add(key)
        rows.append(row)
    if kind == "skill" and rows:
        ids = dict(
            Skill.objects.filter(slug__in=[r["skill"] for r in rows]).values_list("slug", "pk")
        )
        rows = [{**row, "skill": ids[row["skill"]]} for row in rows]
    return rows, errors


class PastedRowsFormSet(OrderedRowFormSet):
    """Tasks or skills, plus a box whose lines become new rows when every line is right."""

    paste_kind = "task"

    def add_bound_rows(self) -> None:
        pasted = self.data.get(self.add_prefix("paste-rows"), "").strip()
        self.paste_form = PastedRowsForm(
            self.data,
            prefix=self.add_prefix("paste"),
            kind=self.paste_kind,
            taken=self.taken() if pasted else set(),
        )
        if not self.paste_form.is_valid() or not self.paste_form.parsed:
            return
        total = self.total_form_count()
        for index, row in enumerate(self.paste_form.parsed, start=total):
            for name in PASTE_COLUMNS[self.paste_kind]:
                self.data[self.row_key(index, name)] = str(row[name])
        self.data[self.add_prefix("TOTAL_FORMS")] = str(total + len(self.paste_form.parsed))
        del self.management_form  # read again with the added rows
        # Added: the box starts empty again, so sending the page twice adds them once.
        self.paste_form = PastedRowsForm(
            prefix=self.add_prefix("paste"), kind=self.paste_kind, taken=set()
        )

    def taken(self) -> set[str]:
        """The keys of the rows already on the form, which a pasted line may not repeat."""
        name = PASTE_COLUMNS[self.paste_kind][0]
        keys = set()
        for index in range(self.total_form_count()):
            value = self.data.get(self.row_key(index, name), "").strip()
            if value and not self.data.get(self.row_key(index, "DELETE")):
                keys.add(self.skill_key(value) if self.paste_kind == "skill" else task_key(value))
        return keys - {""}

    def skill_key(self, pk: str) -> str:
        slugs = getattr(self, "_skill_slugs", None)
        if slugs is None:
            ids = [
                number(self.data.get(self.row_key(i, "skill")))
                for i in range(self.total_form_count())
            ]
            slugs = dict(
                Skill.objects.filter(pk__in=[i for i in ids if i is not None]).values_list(
                    "pk", "slug"
                )
            )
            self._skill_slugs = slugs
        return task_key(slugs.get(number(pk), ""))

    @property
    def paste(self):
        """The box, for a form page; unbound when the page was not sent."""
        if not hasattr(self, "paste_form"):
            self.paste_form = PastedRowsForm(
                prefix=self.add_prefix("paste"), kind=self.paste_kind, taken=set()
            )
        return self.paste_form

    def clean(self):
        super().clean()
        if self.is_bound and self.paste.errors:
            raise ValidationError(
                _("No pasted row was added: correct the lines named under “Paste rows” and save.")
            )


class TaskRowsFormSet(PastedRowsFormSet, RowsWhileLiveFormSet):
    paste_kind = "task"


class SkillRowsFormSet(PastedRowsFormSet, RowsWhileLiveFormSet):
    paste_kind = "skill"

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # A saved row's skill came with it (the inline selects it): its autocomplete shows it
        # from there rather than asking for it again, one query per row.
        if form.instance.pk is not None and form.instance.skill_id is not None:
            show_without_query(form.fields["skill"], form.instance.skill)
        return form


class LabelledRowsInline(admin.TabularInline):
    """A tabular inline whose every field carries a label (hidden from sight, read aloud)."""

    template = "admin/outlook/edit_inline/rows_tabular.html"
    ordered = False

    class Media:
        css = {"all": ["admin/outlook/rows.css"]}


class OrderedRowsInline(LabelledRowsInline):
    """An outlook's rows, in the order editors put them by drag or by the move buttons."""

    ordered = True
    form = OrderedRowForm
    formset = OrderedRowFormSet

    class Media:
        js = ["admin/outlook/rows.js"]
