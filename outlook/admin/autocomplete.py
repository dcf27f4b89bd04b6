"""Django's autocomplete widget, made safe to re-render a refused form.

When a form comes back with errors, AutocompleteSelect looks up the submitted ids to show
them; an id of the wrong type ("abc") made that lookup raise, a 500 instead of the form with
its message. Our admin classes with `autocomplete_fields` take this mixin.

Each widget also looks up the object it shows, a query per row of an inline; a formset that
already holds its rows' objects hands them over with `show_without_query`.
"""

from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError


class CheckedAutocompleteSelect(AutocompleteSelect):
    # The objects this widget may show without a query, by str(pk) (see show_without_query).
    known: dict = {}

    def optgroups(self, name, value, attr=None):
        remote = self.field.remote_field
        target = remote.model._meta.get_field(remote.field_name)
        usable = []
        for item in value:
            try:
                target.to_python(item)
            except ValidationError:
                continue  # no row has it: nothing to show
            usable.append(item)
        if usable and all(str(item) in self.known for item in usable):
            return self.known_optgroups(name, usable)
        return super().optgroups(name, usable, attr)

    def known_optgroups(self, name, value):
        # What AutocompleteSelect.optgroups draws for `value`, from the objects already held.
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for item in value:
            obj = self.known[str(item)]
            label = self.choices.field.label_from_instance(obj)
            options.append(self.create_option(name, obj.pk, label, True, len(options)))
        return [(None, options, 0)]


def show_without_query(field, obj) -> None:
    """Let the autocomplete of form `field`, whose value is `obj`, draw it without a query."""
    # The admin wraps the widget in a RelatedFieldWidgetWrapper (the "+" beside it).
    widget = getattr(field.widget, "widget", field.widget)
    if isinstance(widget, CheckedAutocompleteSelect):
        widget.known = {str(obj.pk): obj}


class CheckedAutocompleteMixin:
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
