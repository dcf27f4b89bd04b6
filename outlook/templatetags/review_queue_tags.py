from django import template

from outlook.admin.review_queue import queue_counts

register = template.Library()


@register.inclusion_tag("admin/outlook/review_queue.html", takes_context=True)
def review_queue(context):
    """Show staff who write or edit outlooks what waits on them, each linked to its list."""
    user = context["request"].user
    if not user.has_perm("outlook.view_outlook"):
        return {"queues": []}
    return {"queues": queue_counts(user)}
