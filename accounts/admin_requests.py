"""Readers' requests for professions, listed for editors, who tell requesters once published."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from accounts.profession_requests import ProfessionRequest, tell_requesters
from outlook.models import Outlook


class HasEmailFilter(admin.SimpleListFilter):
    title = _("wants an email")
    parameter_name = "email"

    def lookups(self, request, model_admin):
        return (("yes", _("Yes")), ("no", _("No")))

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(email="")
        if self.value() == "no":
            return queryset.filter(email="")
        return queryset


@admin.register(ProfessionRequest)
class ProfessionRequestAdmin(admin.ModelAdmin):
    """Read and delete only: requests come from readers, and leave once they are answered."""

    list_display = ("name", "wants_email", "created_at")
    list_filter = (HasEmailFilter, "created_at")
    search_fields = ("name",)
    date_hierarchy = "created_at"
    fields = ("name", "wants_email", "created_at", "consented_at")
    readonly_fields = fields
    actions = ["tell_requesters_it_is_published"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("wants an email"), boolean=True)
    def wants_email(self, profession_request):
        return bool(profession_request.email)

    @admin.action(
        description=_("Tell the requesters it is published, then delete the requests"),
        permissions=["delete"],
    )
    def tell_requesters_it_is_published(self, request, queryset):
        names = sorted(set(queryset.values_list("name", flat=True)))
        outlooks = Outlook.objects.published().order_by("-year").matching_professions(names)
        for name in names:
            outlook = outlooks[name]
            if outlook is None:
                self.message_user(
                    request,
                    _("No published outlook is named “%(name)s” yet: its requests are kept.")
                    % {"name": name},
                    messages.WARNING,
                )
                continue
            told = tell_requesters(requests=queryset.filter(name=name), outlook=outlook)
            self.message_user(
                request,
                _("“%(name)s”: %(told)d requester(s) told about %(outlook)s; requests deleted.")
                % {"name": name, "told": told, "outlook": outlook.headline},
            )
