"""The CSP header is built once per process, and a response's own policy still wins."""

from csp.constants import NONCE
from csp.decorators import csp_update
from csp.utils import build_policy
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from outlook.web.content_security import SitePolicyCSPMiddleware


def respond(view):
    request = RequestFactory().get("/somewhere/")
    middleware = SitePolicyCSPMiddleware(view)
    return middleware(request)


def test_every_page_gets_the_sites_policy(client, db):
    response = client.get("/")
    assert response["Content-Security-Policy"] == build_policy()
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert "Content-Security-Policy-Report-Only" not in response


def test_a_changed_setting_changes_the_header():
    directives = {"DIRECTIVES": {"default-src": ["'none'"]}}
    with override_settings(CONTENT_SECURITY_POLICY=directives):
        assert respond(lambda request: HttpResponse())["Content-Security-Policy"] == (
            "default-src 'none'"
        )
    assert (
        "default-src 'self'" in respond(lambda request: HttpResponse())["Content-Security-Policy"]
    )


def test_a_views_own_policy_is_kept():
    @csp_update({"img-src": "https://images.example"})
    def view(request):
        return HttpResponse()

    assert "https://images.example" in respond(view)["Content-Security-Policy"]


@override_settings(CONTENT_SECURITY_POLICY={"DIRECTIVES": {"script-src": ["'self'", NONCE]}})
def test_a_nonce_a_template_used_reaches_the_header():
    def view(request):
        return HttpResponse(str(request.csp_nonce))

    response = respond(view)
    assert f"'nonce-{response.content.decode()}'" in response["Content-Security-Policy"]
