"""Readers' pages allow nothing inline; the admin alone gets the inline styles it uses."""

import pytest

from tests.factories import OutlookFactory

pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    parts = (part.split() for part in policy.split(";") if part.strip())
    return {name: sources for name, *sources in parts}


@pytest.mark.parametrize("path", ["/", "/signup/", "/search/?q=x", "/professions/", "/nowhere/"])
def test_readers_pages_allow_nothing_inline(client, path):
    OutlookFactory()
    response = client.get(path)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert directives(response)["style-src"] == ["'self'"]
    assert directives(response)["script-src"] == ["'self'"]


def test_an_outlook_page_allows_nothing_inline(client):
    response = client.get(OutlookFactory().get_absolute_url())
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_the_admin_alone_gets_inline_styles_and_never_inline_scripts(admin_client):
    response = admin_client.get("/admin/")
    assert "'unsafe-inline'" in directives(response)["style-src"]
    assert "'unsafe-inline'" not in directives(response)["script-src"]


@pytest.mark.parametrize("path", ["/", "/admin/login/", "/healthz", "/feeds/rss/"])
def test_every_response_limits_features_and_who_may_embed_it(client, path):
    response = client.get(path)
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["Cross-Origin-Resource-Policy"] == "same-origin"
