from django.conf import settings
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from accounts import ratelimit, services
from accounts.cross_origin import refuse_cross_origin
from accounts.forms import SignupForm
from accounts.tokens import CONFIRM_SALT, UNSUBSCRIBE_SALT, InvalidToken, signup_for_token
from outlook.publishing import content_keys
from outlook.reading.params import SLUG
from outlook.web import response_keys
from professions.models import Profession


def wants_fragment(request) -> bool:
    """Our script submits in place and asks for just the form's HTML back."""
    return request.headers.get("X-Requested-With") == "fetch"


@method_decorator([csrf_exempt, refuse_cross_origin], name="dispatch")
class SignupView(View):
    """The personalised-report form: GET shows it, POST records a signup.

    Every outcome a reader can see is the same for a new address, a repeated one and a bot,
    so the form never reveals who has signed up. Forgery is refused by where the form comes
    from (accounts/cross_origin.py) rather than by a token, so pages with the form are the
    same for every reader and cache whole.
    """

    query_parameters = ("profession",)

    def professions(self, *, slug: str | None = None) -> list[Profession]:
        """Return the professions readers can see (one, by slug, when given)."""
        professions = Profession.objects.with_published_outlooks()
        if slug is not None:
            if not SLUG.fullmatch(slug):
                return []  # no profession has it; never sent to the database as is
            professions = professions.filter(slug=slug)
        return list(professions.order_by("name").only("pk", "slug", "name"))

    def render_form(self, form, *, status=200, done=False):
        context = {"form": form, "done": done}
        if wants_fragment(self.request):
            response = render(self.request, "includes/signup_form.html", context, status=status)
        else:
            response = render(self.request, "accounts/signup_page.html", context, status=status)
        # The same address answers with a whole page or our script's fragment.
        patch_vary_headers(response, ["X-Requested-With"])
        return response

    def get(self, request):
        # Its profession list changes with the directory's.
        response_keys.add(content_keys.DIRECTORY)
        professions = self.professions()
        chosen = request.GET.get("profession")
        if chosen is not None and chosen not in {profession.slug for profession in professions}:
            # One page for every unknown name, rather than one stored copy per name.
            return redirect("accounts:signup")
        form = SignupForm(initial={"profession": chosen or ""}, professions=professions)
        return self.render_form(form)

    def post(self, request):
        within_limit, address_hash = ratelimit.allow_address(request)
        if wants_fragment(request):
            # Only the forms on profession and outlook pages submit in place; they name their
            # profession in a hidden field, which is all they need back.
            professions = self.professions(slug=request.POST.get("profession", ""))
            form = SignupForm(request.POST, professions=professions, fixed_profession=True)
        else:
            form = SignupForm(request.POST, professions=self.professions())
        if not within_limit:
            return self.too_many(form)
        if not form.is_valid():
            return self.render_form(form, status=400)
        data = form.cleaned_data
        if not ratelimit.allow_email(data["email"]):
            return self.too_many(form)
        if not form.is_bot:
            services.submit_signup(
                email=data["email"],
                profession=data["profession"],
                issue=data["issue"],
                seniority=data["seniority"],
                tasks=data["tasks"],
                ip_hash=address_hash,
            )
        if wants_fragment(request):
            return self.render_form(form, done=True)
        return redirect("accounts:signup_thanks")

    def too_many(self, form):
        # add_error() needs a validated form; is_valid() validates once and keeps the result.
        form.is_valid()
        form.add_error(None, _("Too many attempts from here. Please try again in an hour."))
        return self.render_form(form, status=429)


class SignupThanksView(TemplateView):
    query_parameters = ()
    template_name = "accounts/signup_thanks.html"


class TokenView(View):
    """A link from an email: GET asks, POST acts, so link scanners never act for the reader."""

    salt: str
    template_name: str
    queryset = None  # signups unless a view names other records a token may name

    def dispatch(self, request, *args, token, **kwargs):
        try:
            self.signup = signup_for_token(token, salt=self.salt, queryset=self.queryset)
        except InvalidToken:
            return render(request, "accounts/link_invalid.html", status=400)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        if self.signup is None:
            return render(request, "accounts/link_gone.html", status=404)
        return render(request, self.template_name, {"signup": self.signup})


@method_decorator(never_cache, name="dispatch")
class ConfirmView(TokenView):
    salt = CONFIRM_SALT
    template_name = "accounts/confirm.html"

    def post(self, request):
        if self.signup is None:
            return render(request, "accounts/link_gone.html", status=404)
        signup = services.confirm_signup(signup=self.signup)
        return render(request, "accounts/confirmed.html", {"signup": signup})


# Mail clients' one-click unsubscribe (RFC 8058) POSTs without a CSRF token; the signed
# token in the URL is what authorises the request.
@method_decorator([csrf_exempt, never_cache], name="dispatch")
class UnsubscribeView(TokenView):
    salt = UNSUBSCRIBE_SALT
    template_name = "accounts/unsubscribe.html"

    def post(self, request):
        if self.signup is not None:
            services.delete_signup(signup=self.signup)
        # Deleting what is already gone is still a success for the reader.
        return render(request, "accounts/unsubscribed.html")


class PrivacyView(TemplateView):
    query_parameters = ()
    template_name = "accounts/privacy.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            confirm_days=settings.SIGNUP_CONFIRM_MAX_AGE // 86400,
            signup_url=reverse("accounts:signup"),
            **kwargs,
        )
