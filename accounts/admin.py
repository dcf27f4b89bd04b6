from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from accounts import report_review, report_sending, services
from accounts.exports import signup_csv_response
from accounts.models import REPORT_SENDABLE, ReportDelivery, Signup, SignupStatus, User
from accounts.report_archive import SentReport
from accounts.report_review_form import ReportReviewForm
from accounts.reports import matches_confirmed
from outlook.admin.large import LargeTableMixin, NameContainsFilter, RelatedWithRowsFilter


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "first_name", "last_name", "is_staff", "is_active")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups")
    ordering = ("username",)


# How many of the selected signups the send confirmation lists by name.
PREVIEW_LIST_LIMIT = 50


class ConfirmedFilter(admin.SimpleListFilter):
    title = _("confirmed")
    parameter_name = "confirmed"

    def lookups(self, request, model_admin):
        return [("yes", _("Confirmed")), ("no", _("Not confirmed"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.confirmed()
        if self.value() == "no":
            return queryset.filter(confirmed_at__isnull=True)
        return queryset


@admin.register(Signup)
class SignupAdmin(LargeTableMixin, admin.ModelAdmin):
    # Fits 1 280 px with the status in view: who reviewed it and when the report left are on
    # the signup's page and in the CSV export.
    list_display = (
        "email",
        "status",
        "report_delivery",
        "confirmed",
        "profession",
        "issue_masthead",
        "created_at",
    )
    list_filter = (
        "status",
        "report_delivery",
        # Thousands of professions: a box to type part of the name, not a list of links.
        NameContainsFilter.for_relation("profession", _("profession")),
        ("issue", RelatedWithRowsFilter),
        ConfirmedFilter,
        ("created_at", admin.DateFieldListFilter),
    )
    list_select_related = ("profession", "issue")
    search_fields = ("email",)
    date_hierarchy = "created_at"
    list_per_page = 100
    actions = ("mark_reviewed", "mark_spam", "mark_new", "send_reports", "export_csv")
    readonly_fields = (
        "email",
        "profession",
        "issue",
        "seniority",
        "tasks",
        "confirmed_at",
        "reviewed_at",
        "reviewed_by",
        "report_link",
        "report_note",
        "sent_reports",
        "report_delivery",
        "report_requested_at",
        "report_requested_by",
        "report_sent_at",
        "report_sent_by",
        "report_error",
        "created_at",
        "consented_at",
        "confirmation_sent_at",
        "ip_hash",
    )
    fieldsets = (
        (_("Reader"), {"fields": ("email", "profession", "issue", "seniority", "tasks")}),
        (_("Review"), {"fields": ("status", "notes", "reviewed_by", "reviewed_at")}),
        (
            _("Report"),
            {
                "fields": (
                    "report_link",
                    "report_note",
                    "sent_reports",
                    "report_delivery",
                    "report_error",
                    "report_requested_at",
                    "report_requested_by",
                    "report_sent_at",
                    "report_sent_by",
                )
            },
        ),
        (
            _("Advanced"),
            {
                "classes": ("collapse",),
                "fields": (
                    "created_at",
                    "consented_at",
                    "confirmation_sent_at",
                    "confirmed_at",
                    "ip_hash",
                ),
            },
        ),
    )

    def has_add_permission(self, request):
        # Signups come from readers, through the double opt-in; staff never type them.
        return False

    def has_send_report_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.send_report")

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is not None and obj.status == SignupStatus.REPORT_SENT:
            return (*fields, "status")
        return fields

    def formfield_for_choice_field(self, db_field, request, **kwargs):
        if db_field.name == "status":
            # "Report sent" is set only by actually sending the report.
            kwargs["choices"] = [
                choice for choice in SignupStatus.choices if choice[0] != SignupStatus.REPORT_SENT
            ]
        return super().formfield_for_choice_field(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data:
            new_status, obj.status = obj.status, form.initial["status"]
            obj.set_status(new_status, by=request.user)
        super().save_model(request, obj, form, change)

    def changelist_view(self, request, extra_context=None):
        # The table needs the room; the sidebar repeats the index (reviewers see only signups).
        extra_context = {"is_nav_sidebar_enabled": False, **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("issue"), ordering="issue__publication_date")
    def issue_masthead(self, signup):
        return signup.issue.masthead if signup.issue else "-"

    @admin.display(description=_("confirmed"), boolean=True, ordering="confirmed_at")
    def confirmed(self, signup):
        return signup.is_confirmed

    @admin.display(description=_("personalised report"))
    def report_link(self, signup):
        if signup.pk is None:
            return "-"
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:accounts_signup_report", args=[signup.pk]),
            self._report_link_text(signup),
        )

    @admin.display(description=_("what the reader was sent"))
    def sent_reports(self, signup):
        archived = SentReport.objects.filter(signup=signup).only("signup_id", "handed_over_at")
        if not archived:
            return _("Nothing yet: each report is archived as it is handed to the mail server.")
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}">{}</a>',
            ((report.get_admin_url(), self._handed_over(report)) for report in archived),
        )

    @staticmethod
    def _handed_over(report):
        when = timezone.localtime(report.handed_over_at).isoformat(" ", "seconds")
        return _("Report handed to the mail server %(when)s") % {"when": when}

    @staticmethod
    def _report_link_text(signup):
        """Say what the reviewer will do on the report page, matches first."""
        if signup.report_delivery == ReportDelivery.UNKNOWN:
            return _("Preview the report and decide whether it arrived")
        if signup.status == SignupStatus.REPORT_SENT or (
            signup.report_delivery not in REPORT_SENDABLE
        ):
            return _("Preview the report")
        confirmed = matches_confirmed(signup)
        if signup.status == SignupStatus.REVIEWED:
            if confirmed:
                return _("Preview the report and send it")
            return _("Review the matches, then send the report")
        if confirmed:
            return _("Preview the report")
        return _("Preview the report and review the matches")

    def get_urls(self):
        return [
            path(
                "<int:object_id>/report/",
                self.admin_site.admin_view(self.report_view),
                name="accounts_signup_report",
            ),
            path(
                "<int:object_id>/sent/<int:report_id>/",
                self.admin_site.admin_view(self.sent_report_view),
                name="accounts_signup_sent_report",
            ),
            *super().get_urls(),
        ]

    def report_view(self, request, object_id):
        """Show the report as it would be sent, with the reviewer's form for matches and note.

        POST "review" confirms the matches and note; POST "decision" settles a held report;
        any other POST queues the send.
        """
        if not self.has_send_report_permission(request):
            raise PermissionDenied
        signup = get_object_or_404(
            Signup.objects.select_related("profession", "issue"), pk=object_id
        )
        if request.method == "POST" and "review" not in request.POST:
            decision = request.POST.get("decision")
            if decision in ("arrived", "resend"):
                self._settle(request, signup, arrived=decision == "arrived")
            else:
                self._request(request, Signup.objects.filter(pk=signup.pk))
            return redirect("admin:accounts_signup_change", signup.pk)
        try:
            report, error = services.report_for(signup=signup, sender=request.user), ""
        except services.ReportError as report_error:
            report, error = None, str(report_error)
        form = None
        # Matches are settled before a send is asked for; a sent or pending one keeps them.
        reviewable = (
            signup.status != SignupStatus.REPORT_SENT and signup.report_delivery in REPORT_SENDABLE
        )
        if report is not None and reviewable:
            data = request.POST if request.method == "POST" else None
            form = ReportReviewForm(data, report=report)
            if form.is_bound and form.is_valid():
                return self._confirm(request, signup, form)
        message = services.report_email(report) if report else None
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": signup,
            "title": _("Report for %(signup)s") % {"signup": signup},
            "report": report,
            "form": form,
            "message": message,
            "html": message.alternatives[0][0] if message else "",
            "error": error,
            "can_send": report is not None
            and report.all_confirmed
            and reviewable
            and signup.status == SignupStatus.REVIEWED,
            "held": signup.report_delivery == ReportDelivery.UNKNOWN,
        }
        # A POST answered with the page was refused: an invalid form, or matches now settled.
        status = 400 if request.method == "POST" else 200
        return TemplateResponse(
            request, "admin/accounts/signup/report_preview.html", context, status=status
        )

    def _confirm(self, request, signup, form):
        report_review.confirm_matches(
            signup=signup,
            outlook=form.report.outlook,
            decisions=form.decisions(),
            note=form.cleaned_data["note"],
            by=request.user,
        )
        self.message_user(
            request, _("Matches and note saved: the report can be sent."), messages.SUCCESS
        )
        return redirect("admin:accounts_signup_report", signup.pk)

    def sent_report_view(self, request, object_id, report_id):
        """Show an archived report exactly as it was handed to the mail server."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        # The signup first, by its own key: an id past any column's range is a plain 404.
        signup = get_object_or_404(Signup.objects.select_related("profession"), pk=object_id)
        report = get_object_or_404(SentReport, pk=report_id, signup=signup)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": signup,
            "title": str(report),
            "report": report,
        }
        return TemplateResponse(request, "admin/accounts/signup/sent_report.html", context)

    def _request(self, request, signups):
        outcome = report_sending.request_reports(signups=signups, by=request.user)
        if outcome.queued:
            self.message_user(
                request,
                _(
                    "Queued %(n)d report(s): each is sent once, in the background; its delivery "
                    "shows on the signup."
                )
                % {"n": outcome.queued},
                messages.SUCCESS,
            )
        if outcome.skipped:
            self.message_user(
                request,
                _(
                    "%(n)d signup(s) skipped: not reviewed, their task matches not all "
                    "confirmed, or their report is already sent, queued or held for a decision. "
                    "Nothing was sent twice."
                )
                % {"n": outcome.skipped},
                messages.WARNING,
            )

    def _settle(self, request, signup, *, arrived):
        try:
            report_sending.settle_held_report(signup=signup, arrived=arrived, by=request.user)
        except services.ReportError as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(
            request,
            _("Marked as sent.") if arrived else _("Queued to be sent again."),
            messages.SUCCESS,
        )

    def _set_status(self, request, queryset, status):
        changed = services.set_status(signups=queryset, status=status, by=request.user)
        self.message_user(
            request,
            _("%(n)d signup(s) marked “%(status)s”.")
            % {"n": changed, "status": SignupStatus(status).label},
            messages.SUCCESS,
        )
        if status == SignupStatus.REVIEWED and queryset.filter(confirmed_at__isnull=True).exists():
            self.message_user(
                request, _("Unconfirmed signups were left out: they cannot be reviewed."), "warning"
            )

    @admin.action(description=_("Mark selected as reviewed"), permissions=["change"])
    def mark_reviewed(self, request, queryset):
        self._set_status(request, queryset, SignupStatus.REVIEWED)

    @admin.action(description=_("Mark selected as spam"), permissions=["change"])
    def mark_spam(self, request, queryset):
        self._set_status(request, queryset, SignupStatus.SPAM)

    @admin.action(description=_("Mark selected as new"), permissions=["change"])
    def mark_new(self, request, queryset):
        self._set_status(request, queryset, SignupStatus.NEW)

    @admin.action(description=_("Send the report to selected signups"), permissions=["send_report"])
    def send_reports(self, request, queryset):
        """Ask first, listing what will be sent; send on the confirming POST."""
        if request.POST.get("confirm") == "yes":
            self._request(request, queryset)
            return None
        ready = (
            queryset.confirmed()
            .filter(status=SignupStatus.REVIEWED, report_delivery__in=REPORT_SENDABLE)
            .select_related("profession")
        )
        ready_count = ready.count()
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Send reports?"),
            "ready": list(ready[:PREVIEW_LIST_LIMIT]),
            "ready_count": ready_count,
            "not_ready_count": queryset.count() - ready_count,
            "selected": request.POST.getlist(admin.helpers.ACTION_CHECKBOX_NAME),
            "select_across": request.POST.get("select_across", "0"),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/accounts/signup/send_confirmation.html", context)

    @admin.action(description=_("Export selected as CSV"), permissions=["view"])
    def export_csv(self, request, queryset):
        return signup_csv_response(queryset)


# Readers asking for professions, in their own module.
from accounts import admin_requests  # noqa: E402, F401
