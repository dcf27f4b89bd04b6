from django import template
from django.contrib.auth import get_permission_codename

from accounts.forms import SignupForm
from accounts.models import Signup
from professions.models import Profession

register = template.Library()


@register.inclusion_tag("includes/signup_form.html", takes_context=True)
def signup_form(context, profession: Profession, issue=None):
    """Render the report form with `profession` preselected, on any page, without view code."""
    form = SignupForm(
        initial={"profession": profession.slug, "issue": issue.pk if issue else None},
        professions=[profession],
        fixed_profession=True,
    )
    return {"form": form, "with_script": True, "csrf_token": context.get("csrf_token")}


@register.inclusion_tag("admin/accounts/signup_waiting.html", takes_context=True)
def signups_waiting(context):
    """Tell staff who review signups how many confirmed ones wait for them."""
    user = context["request"].user
    opts = Signup._meta
    if not user.has_perm(f"{opts.app_label}.{get_permission_codename('view', opts)}"):
        return {"show": False}
    return {"show": True, "count": Signup.objects.awaiting_review().count()}
