"""The admin's import and export of a whole issue: upload, check, dry run, apply, progress.

Uploading checks the file and compares it with the issue (nothing is written but the upload
itself); the import's page shows the dry run and applies it on the task queue.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from outlook.models import Issue
from outlook.models.issue_import import ImportStatus, IssueImport
from outlook.publishing import gate
from outlook.transfer.issue_export import CONTENT_TYPES, EXPORTERS
from outlook.transfer.issue_import import ImportedOutlook, parse_upload
from outlook.transfer.issue_import_apply import plan_import, summary
from outlook.transfer.issue_import_task import queue_import, read_progress


class UploadForm(forms.Form):
    issue = forms.ModelChoiceField(Issue.objects.all(), label=_("Into issue"))
    file = forms.FileField(
        label=_("File"),
        help_text=_("The full export (.csv or .xlsx) or an issue's open-data .json."),
    )


class ExportForm(forms.Form):
    issue = forms.ModelChoiceField(Issue.objects.all(), label=_("Issue"))
    format = forms.ChoiceField(label=_("Format"), choices=[("csv", "CSV"), ("xlsx", "XLSX")])


@admin.register(IssueImport)
class IssueImportAdmin(admin.ModelAdmin):
    list_display = ("file_name", "issue", "uploaded_by", "created_at", "status")
    list_filter = ("status",)
    list_select_related = ("issue", "uploaded_by")

    def has_module_permission(self, request):
        return request.user.has_perm("outlook.change_outlook")

    def has_view_permission(self, request, obj=None):
        user = request.user
        if not user.has_perm("outlook.change_outlook"):
            return False
        return obj is None or obj.uploaded_by_id == user.pk or user.has_perm(gate.PUBLISH_OUTLOOK)

    def has_add_permission(self, request):
        return request.user.has_perm("outlook.change_outlook")

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.has_perm(gate.PUBLISH_OUTLOOK):
            return queryset
        return queryset.filter(uploaded_by=request.user)

    def get_urls(self):
        return [
            path(
                "export/", self.admin_site.admin_view(self.export_view), name="outlook_issue_export"
            ),
            *super().get_urls(),
        ]

    def render(self, request, template, context, status=200):
        context = {**self.admin_site.each_context(request), "opts": self.opts, **context}
        return TemplateResponse(request, f"admin/outlook/{template}", context, status=status)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method != "POST" or not form.is_valid():
            status = 400 if request.method == "POST" else 200
            return self.render(request, "issue_import_upload.html", {"form": form}, status)
        upload, issue = form.cleaned_data["file"], form.cleaned_data["issue"]
        imported, problems = parse_upload(upload.name, upload.read())
        if not problems:
            _plans, problems = plan_import(issue=issue, imported=imported, user=request.user)
        if problems:
            context = {"form": form, "problems": problems, "title": _("The file has problems")}
            return self.render(request, "issue_import_upload.html", context, 400)
        job = IssueImport.objects.create(
            issue=issue,
            uploaded_by=request.user,
            file_name=upload.name[:255],
            outlooks=[item.as_dict() for item in imported],
        )
        return HttpResponseRedirect(reverse("admin:outlook_issueimport_change", args=[job.pk]))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        job = self.get_object(request, unquote(object_id))
        if job is None:
            raise Http404
        if not self.has_view_permission(request, job):
            raise PermissionDenied
        if request.method == "POST":
            try:
                queue_import(job=job, user=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)
        context = {"job": job, "title": str(job), "progress": read_progress(job.pk)}
        if job.status in (ImportStatus.READY, ImportStatus.FAILED):
            imported = [ImportedOutlook.from_dict(item) for item in job.outlooks]
            plans, problems = plan_import(issue=job.issue, imported=imported, user=request.user)
            context |= {"plans": plans, "problems": problems, "counts": summary(plans)}
        return self.render(request, "issue_import_detail.html", context)

    def export_view(self, request):
        if not request.user.has_perm("outlook.view_outlook"):
            raise PermissionDenied
        form = ExportForm(request.GET or None)
        if not form.is_valid():
            status = 400 if request.GET else 200
            return self.render(request, "issue_export.html", {"form": form}, status)
        issue, kind = form.cleaned_data["issue"], form.cleaned_data["format"]
        response = HttpResponse(EXPORTERS[kind](issue), content_type=CONTENT_TYPES[kind])
        response["Content-Disposition"] = f'attachment; filename="outlook-{issue.slug}-full.{kind}"'
        return response
