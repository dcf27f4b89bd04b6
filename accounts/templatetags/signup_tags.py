from django import template
from django.contrib.auth import get_permission_codename
from django.template.loader import render_to_string

from accounts.forms import SignupForm
from accounts.models import Signup
from outlook.web import fragments
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


@register.simple_tag
def form_field(field, template_name: str = "includes/signup_field.html") -> str:
    """Render one field of a reader's form (label, widget, help, errors) with `template_name`.

    A field nobody has filled in (an unbound form, no initial value) is the same on every page:
    it holds nothing of a reader's and no CSRF token (the forms need none,
    accounts/cross_origin.py), so its HTML is reused in this process (outlook/web/fragments.py).
    """
    form = field.form
    context = {"field": field, "form": form}
    if form.is_bound or field.name in form.initial:
        return render_to_string(template_name, context)
    key = (type(form), form.prefix, field.name, field.auto_id)
    return fragments.rendered(template_name, context, key=key)


@register.inclusion_tag("admin/accounts/signup_waiting.html", takes_context=True)
def signups_waiting(context):
    """Tell staff who review signups how many confirmed ones wait for them."""
    user = context["request"].user
    opts = Signup._meta
    if not user.has_perm(f"{opts.app_label}.{get_permission_codename('view', opts)}"):
        return {"show": False}
    return {"show": True, "count": Signup.objects.awaiting_review().count()}
