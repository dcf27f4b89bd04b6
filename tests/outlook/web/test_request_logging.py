"""Every request gets an id, echoed to the caller and written into one JSON log line."""

import json
import logging

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from outlook.web.logs import JsonFormatter, RequestIdFilter
from outlook.web.middleware import RequestLogMiddleware


def request_log_entries(caplog) -> list[dict]:
    return [
        json.loads(JsonFormatter().format(record))
        for record in caplog.records
        if record.name == "outlook.request"
    ]


def test_a_request_gets_an_id_that_is_echoed_and_logged_with_timing(client, caplog):
    caplog.set_level(logging.INFO, logger="outlook.request")
    response = client.get(reverse("healthz"))
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32

    [entry] = request_log_entries(caplog)
    assert entry["request_id"] == request_id
    assert entry["method"] == "GET"
    assert entry["path"] == "/healthz"
    assert entry["status"] == 200
    assert entry["level"] == "INFO"
    assert isinstance(entry["duration_ms"], float)


def test_the_load_balancers_request_id_is_kept(client):
    response = client.get(reverse("healthz"), headers={"X-Request-ID": "lb-7f3a.19:2"})
    assert response["X-Request-ID"] == "lb-7f3a.19:2"


@pytest.mark.parametrize(
    "incoming",
    ["", "has spaces", 'quote"injection', "x" * 129, "line\\nbreak", "ünïcode"],
)
def test_an_insane_request_id_is_replaced(client, incoming):
    response = client.get(reverse("healthz"), headers={"X-Request-ID": incoming})
    assert response["X-Request-ID"] != incoming
    assert len(response["X-Request-ID"]) == 32


def test_logs_written_during_a_request_carry_its_id(caplog):
    logger = logging.getLogger("outlook.test")
    logger.addFilter(RequestIdFilter())
    caplog.set_level(logging.INFO, logger="outlook.test")

    def view(request):
        logger.info("working on it")
        return HttpResponse("ok")

    request = RequestFactory().get("/", headers={"X-Request-ID": "abc123"})
    RequestLogMiddleware(view)(request)
    logger.info("after the request")
    logger.filters.clear()

    during, after = (r for r in caplog.records if r.name == "outlook.test")
    assert json.loads(JsonFormatter().format(during))["request_id"] == "abc123"
    assert json.loads(JsonFormatter().format(after))["request_id"] == "-"


def test_an_exception_is_logged_as_one_json_line(caplog):
    try:
        raise ValueError("boom")
    except ValueError:
        logging.getLogger("outlook.test").exception("failed")
    [record] = caplog.records
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["message"] == "failed"
    assert entry["level"] == "ERROR"
    assert "ValueError: boom" in entry["exception"]
