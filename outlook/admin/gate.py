"""The admin's doors to content, each wired to outlook.publishing.gate, and the audit log it writes.

Every admin page that changes content mixes in GatedAdminMixin: object permissions come from
the gate (on the object as stored), saves are checked again under a lock and audited once,
deletes go through the gate (published content is refused: unpublish first).
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from outlook.models import RELEASED, AuditEntry, Correction
from outlook.publishing import gate
from outlook.templatetags.outlook_tags import publication_time


def changed_parts(form, formsets) -> list[str]:
    """Name what an admin save changed: the form's fields, then the rows by kind."""
    names = [
        str(form.fields[name].label or name)
        for name in form.changed_data
        if name in form.fields and name not in ("edit_token", "opened_revision")
    ]
    for formset in formsets:
        if formset.has_changed():
            names.append(str(formset.model._meta.verbose_name_plural))
    return names


class GatedAdminMixin:
    """Put first among a content admin's bases."""

    def has_change_permission(self, request, obj=None):
        if obj is not None and not gate.can_change(request.user, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and not gate.can_delete(request.user, obj):
            return False
        return super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if change:
            gate.check_edit(user=request.user, obj=obj)
        else:
            gate.check_create(user=request.user, obj=obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change:
            gate.record_created(obj=form.instance, user=request.user)
        elif form.has_changed() or any(formset.has_changed() for formset in formsets):
            corrected = any(fs.model is Correction and fs.has_changed() for fs in formsets)
            gate.record_edit(
                obj=form.instance,
                user=request.user,
                what=changed_parts(form, formsets),
                corrected=corrected,
            )

    def delete_model(self, request, obj):
        gate.delete(obj=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            gate.delete(obj=obj, user=request.user)

    def get_deleted_objects(self, objs, request):
        deleted, counts, _rows_perms, protected = super().get_deleted_objects(objs, request)
        # The gate decides per object; an outlook's rows go with it (their own admin pages
        # are read-only, which Django would otherwise count as a missing permission).
        perms_needed, protected = set(), list(protected)
        for obj in objs:
            refusal = gate.delete_refusal(obj)
            if refusal:
                protected.append(refusal)
            elif not gate.can_delete(request.user, obj):
                perms_needed.add(str(obj))
        return deleted, counts, perms_needed, protected

    def delete_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        refusal = obj is not None and gate.delete_refusal(obj)
        if refusal and self.has_view_or_change_permission(request, obj):
            context = {
                **self.admin_site.each_context(request),
                "opts": self.opts,
                "original": obj,
                "title": _("Not deleted"),
                "errors": [refusal],
                "change_url": reverse(
                    f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]
                ),
            }
            return render(request, "admin/outlook/workflow_refused.html", context, status=409)
        return super().delete_view(request, object_id, extra_context)

    def response_action(self, request, queryset):
        try:
            return super().response_action(request, queryset)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return None


class RowsWhileLiveFormSet(BaseInlineFormSet):
    """A live outlook keeps at least one row of this kind: completeness holds after any edit."""

    def clean(self):
        super().clean()
        if self.instance.pk is None or self.instance.status not in RELEASED:
            return
        stored = [form for form in self.forms if form.instance.pk]
        kept = [
            form
            for form in self.forms
            if (form.has_changed() or form.instance.pk)
            and not (self.can_delete and self._should_delete_form(form))
        ]
        if stored and not kept:
            raise ValidationError(
                _("A live outlook needs at least one of its %(rows)s; unpublish it to remove all.")
                % {"rows": self.model._meta.verbose_name_plural}
            )


class ReadOnlyAdminMixin:
    """An admin page anyone allowed may read and nobody can add to, change or delete from."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyRowAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """An outlook's rows, read across every outlook; they change only on their outlook's page.

    A row edited on its own page would bypass its outlook's rules (draft-only for
    contributors, completeness while live, the conflict check, revisions).
    """

    actions = None

    @admin.display(description=_("outlook"), ordering="outlook")
    def outlook_link(self, row):
        url = reverse("admin:outlook_outlook_change", args=[row.outlook_id])
        return format_html('<a href="{}">{}</a>', url, row.outlook)


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Every change to content, who made it and from which state to which: read-only."""

    list_display = ("when", "actor", "action", "subject", "from_state", "to_state", "comment")
    list_filter = ("action", "at", ("actor", admin.RelatedOnlyFieldListFilter))
    list_select_related = ("actor",)
    search_fields = ("subject", "comment", "actor__username")
    date_hierarchy = "at"
    fields = (
        "when",
        "actor",
        "action",
        "subject",
        "from_state",
        "to_state",
        "issue",
        "outlook",
        "go_live",
        "comment",
    )
    readonly_fields = ("when", "go_live")

    @admin.display(description=_("when"), ordering="at")
    def when(self, entry):
        return publication_time(entry.at)

    @admin.display(description=_("go-live time"), ordering="go_live_at")
    def go_live(self, entry):
        return publication_time(entry.go_live_at) or "—"
