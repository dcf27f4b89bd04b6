from django import template
from django.contrib.auth import get_permission_codename

from accounts.models import Signup

register = template.Library()


@register.inclusion_tag("admin/accounts/signup_waiting.html", takes_context=True)
def signups_waiting(context):
    """Tell staff who review signups how many confirmed ones wait for them."""
    user = context["request"].user
    opts = Signup._meta
    if not user.has_perm(f"{opts.app_label}.{get_permission_codename('view', opts)}"):
        return {"show": False}
    return {"show": True, "count": Signup.objects.awaiting_review().count()}
