from django import template

from outlook.taskqueue.status import worker_status

register = template.Library()


@register.inclusion_tag("admin/taskqueue/worker_status.html", takes_context=True)
def task_worker_status(context):
    """On the admin index, for staff who may see workers: is a task worker alive?"""
    user = context["request"].user
    if not user.has_perm("taskqueue.view_workerheartbeat"):
        return {"show": False}
    status = worker_status()
    return {"show": status.needed, "status": status}
