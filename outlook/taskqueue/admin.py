from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from outlook.taskqueue.models import WorkerHeartbeat
from outlook.taskqueue.status import stale_before


@admin.register(WorkerHeartbeat)
class WorkerHeartbeatAdmin(admin.ModelAdmin):
    """Which task workers are alive: written by the workers themselves, never by hand."""

    list_display = ("worker_id", "hostname", "pid", "queues", "started_at", "beat_at", "alive")
    readonly_fields = ("worker_id", "hostname", "pid", "queues", "started_at", "beat_at")

    @admin.display(description=_("alive"), boolean=True)
    def alive(self, heartbeat):
        return heartbeat.beat_at >= stale_before()

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
