"""Django's autocomplete widget, made safe to re-render a refused form.

When a form comes back with errors, AutocompleteSelect looks up the submitted ids to show
them; an id of the wrong type ("abc") made that lookup raise, a 500 instead of the form with
its message. Our admin classes with `autocomplete_fields` take this mixin.
"""

from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError


class CheckedAutocompleteSelect(AutocompleteSelect):
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
        return super().optgroups(name, usable, attr)


class CheckedAutocompleteMixin:
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = CheckedAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
