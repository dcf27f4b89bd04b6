"""The outlook admin's revision doors: restore an old revision, recover a deleted outlook.

They replace django-reversion's form views, which applied a revision before checking anything
and restored the state with the text. Here the permission comes first, only the outlook's own
versions exist, a confirmation page shows the difference, and outlook.publishing.gate does the rest.
"""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from outlook.models import Outlook
from outlook.publishing import gate
from outlook.publishing.outlook_diff import Comparison, snapshot_of_outlook, snapshot_of_version


class GatedHistoryMixin:
    """Mixed into OutlookAdmin ahead of reversion's VersionAdmin."""

    def revision_view(self, request, object_id, version_id, extra_context=None):
        outlook = self.get_object(request, unquote(object_id))
        if outlook is None:
            raise Http404("No such outlook.")
        if not gate.can_edit_outlook(request.user, outlook):
            raise PermissionDenied
        try:
            version = gate.version_of(outlook.pk, version_id)
        except ObjectDoesNotExist as missing:
            raise Http404("No such revision of this outlook.") from missing
        errors = []
        if request.method == "POST":
            try:
                gate.restore_version(outlook=outlook, version_id=version.pk, user=request.user)
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(
                    request,
                    _("Restored the text of %(revision)s; its state and go-live time stay.")
                    % {"revision": gate.revision_label(version)},
                )
                return HttpResponseRedirect(
                    reverse("admin:outlook_outlook_change", args=[outlook.pk])
                )
        current = Outlook.objects.with_page_data().get(pk=outlook.pk)
        comparison = Comparison(
            before=snapshot_of_outlook(current), after=snapshot_of_version(version)
        )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Restore a revision of %(outlook)s?") % {"outlook": outlook},
            "opts": self.opts,
            "original": outlook,
            "version": version,
            "comparison": comparison,
            "errors": errors,
        }
        return TemplateResponse(
            request,
            "admin/outlook/outlook/revision_confirm.html",
            context,
            status=400 if errors else 200,
        )

    def recover_view(self, request, version_id, extra_context=None):
        if not (self.has_add_permission(request) and request.user.has_perm(gate.PUBLISH_OUTLOOK)):
            raise PermissionDenied
        try:
            version = gate.deleted_version(version_id)
        except ObjectDoesNotExist as missing:
            raise Http404("No such deleted outlook.") from missing
        errors = []
        if request.method == "POST":
            try:
                outlook = gate.recover_outlook(version_id=version.pk, user=request.user)
            except ValidationError as error:
                errors = error.messages
            else:
                messages.success(request, _("Recovered as a draft: %(o)s.") % {"o": outlook})
                return HttpResponseRedirect(
                    reverse("admin:outlook_outlook_change", args=[outlook.pk])
                )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Recover %(outlook)s as a draft?") % {"outlook": version.object_repr},
            "opts": self.opts,
            "version": version,
            "snapshot": snapshot_of_version(version),
            "errors": errors,
        }
        return TemplateResponse(
            request,
            "admin/outlook/outlook/recover_confirm.html",
            context,
            status=400 if errors else 200,
        )

    def recoverlist_view(self, request, extra_context=None):
        if not request.user.has_perm(gate.PUBLISH_OUTLOOK):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)
