"""The search miss's request for a profession, and the link that deletes one."""

from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView

from accounts import ratelimit
from accounts.cross_origin import refuse_cross_origin
from accounts.forms import ProfessionRequestForm
from accounts.profession_requests import (
    DELETE_SALT,
    ProfessionRequest,
    delete_request,
    submit_request,
)
from accounts.views import TokenView


@method_decorator([csrf_exempt, refuse_cross_origin], name="dispatch")
class ProfessionRequestView(View):
    """POST records a request (as signups: cross-origin refused, rate-limited, honeypot).

    GET shows the form on its own, for a reader who lands here from a bookmark.
    """

    query_parameters = ("name",)
    template_name = "accounts/profession_request.html"

    def get(self, request):
        form = ProfessionRequestForm(initial={"name": request.GET.get("name", "")[:120]})
        return render(request, self.template_name, {"form": form})

    def post(self, request):
        within_limit, address_hash = ratelimit.allow_address(request)
        form = ProfessionRequestForm(request.POST)
        if not within_limit:
            return self.too_many(form)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        data = form.cleaned_data
        if data["email"] and not ratelimit.allow_email(data["email"]):
            return self.too_many(form)
        if not form.is_bot:
            submit_request(name=data["name"], email=data["email"], ip_hash=address_hash)
        return redirect("accounts:request_thanks")

    def too_many(self, form):
        form.is_valid()
        form.add_error(None, _("Too many attempts from here. Please try again in an hour."))
        return render(self.request, self.template_name, {"form": form}, status=429)


class ProfessionRequestThanksView(TemplateView):
    query_parameters = ()
    template_name = "accounts/profession_request_thanks.html"


# Mail clients' one-click unsubscribe (RFC 8058) POSTs without a CSRF token; the signed
# token in the URL is what authorises the request.
@method_decorator([csrf_exempt, never_cache], name="dispatch")
class ProfessionRequestDeleteView(TokenView):
    salt = DELETE_SALT
    template_name = "accounts/profession_request_delete.html"
    queryset = ProfessionRequest.objects.all()

    def post(self, request):
        if self.signup is not None:
            delete_request(request=self.signup)
        return render(request, "accounts/unsubscribed.html")
