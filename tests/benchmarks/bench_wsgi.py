"""The site's WSGI application, plus a Django view that passes no middleware at BARE_PATH.

For the benchmark alone (gunicorn is pointed at it by tests/benchmarks/bench.py): the bare
view is the ceiling a cached page is compared with when every middleware is counted as cost.
"""

from django.core.handlers.exception import convert_exception_to_response
from django.core.handlers.wsgi import WSGIHandler
from django.http import HttpResponse
from django.urls import path

from outlook.wsgi import application as site
from tests.benchmarks.page_rates import BARE_PATH


def minimal_view(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path(BARE_PATH.lstrip("/"), minimal_view)]


class BareHandler(WSGIHandler):
    """Django's request handling (request, URL resolution, view, response), no middleware."""

    def load_middleware(self, is_async=False):
        self._view_middleware = []
        self._template_response_middleware = []
        self._exception_middleware = []
        self._middleware_chain = convert_exception_to_response(self._get_response)

    def get_response(self, request):
        request.urlconf = __name__
        return super().get_response(request)


bare = BareHandler()


def application(environ, start_response):
    if environ.get("PATH_INFO") == BARE_PATH:
        return bare(environ, start_response)
    return site(environ, start_response)
