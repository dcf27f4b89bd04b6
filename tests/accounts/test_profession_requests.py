"""A search miss asks for the profession: consent, rate limits, deletion, the editors' list."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse

from accounts.profession_requests import ProfessionRequest
from outlook.models import PublicationStatus
from tests.factories import OutlookFactory, UserFactory
from tests.outlook.form_html import form_data

pytestmark = pytest.mark.django_db

REQUEST_URL = reverse("accounts:request")


def miss_form(client, query: str = "Beekeeper") -> dict:
    """What the request form on a search miss posts, as the page renders it."""
    response = client.get(reverse("outlook:search"), {"q": query})
    assert "Nothing matches" in response.content.decode()
    return form_data(response, "profession-request-form")


def test_a_search_miss_offers_the_directory_and_a_request_named_as_typed(client):
    html = client.get(reverse("outlook:search"), {"q": "Beekeeper"}).content.decode()
    assert reverse("professions:directory") in html
    assert f'action="{REQUEST_URL}"' in html
    assert 'value="Beekeeper"' in html
    assert reverse("accounts:privacy") in html


def test_a_hit_offers_no_request(client):
    OutlookFactory(profession__name="Beekeeper", profession__slug="beekeeper")
    html = client.get(reverse("outlook:search"), {"q": "Beekeeper"}).content.decode()
    assert REQUEST_URL not in html


def test_a_request_without_an_address_is_stored_without_one(client):
    data = miss_form(client)
    response = client.post(REQUEST_URL, data)
    assert response.status_code == 302
    request = ProfessionRequest.objects.get()
    assert (request.name, request.email, request.consented_at) == ("Beekeeper", "", None)
    assert mail.outbox == []


def test_an_address_needs_consent_and_nothing_is_stored_without_it(client):
    data = miss_form(client) | {"email": "Bee@Example.com"}
    response = client.post(REQUEST_URL, data)
    assert response.status_code == 400
    assert "Please agree so that we may email you" in response.content.decode()
    assert not ProfessionRequest.objects.exists()


def test_with_consent_the_reader_gets_one_email_with_a_link_that_deletes_it(client, after_commit):
    data = miss_form(client) | {"email": "Bee@Example.com", "consent": "on"}
    with after_commit():
        assert client.post(REQUEST_URL, data).status_code == 302
    request = ProfessionRequest.objects.get()
    assert request.email == "bee@example.com" and request.consented_at is not None
    (message,) = mail.outbox
    assert message.to == ["bee@example.com"]
    link = re.search(r"https?://\S+/requests/delete/\S+/", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    assert message.extra_headers["List-Unsubscribe"] == f"<{link}>"

    page = client.get(f"/{path}")
    assert page.status_code == 200 and "Beekeeper" in page.content.decode()
    assert client.post(f"/{path}").status_code == 200
    assert not ProfessionRequest.objects.exists()
    assert client.get(f"/{path}").status_code == 404  # gone
    assert client.get(f"/{path[:-3]}xx/").status_code == 400  # altered


def test_a_bot_filling_the_trap_is_thanked_and_nothing_is_stored(client):
    data = miss_form(client) | {"website": "http://spam.example"}
    assert client.post(REQUEST_URL, data).status_code == 302
    assert not ProfessionRequest.objects.exists()


def test_a_post_from_another_site_is_refused(client):
    response = client.post(REQUEST_URL, miss_form(client), HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    assert not ProfessionRequest.objects.exists()


def test_requests_share_the_signups_rate_limit_per_address(client, settings):
    settings.SIGNUP_RATE_LIMIT_PER_IP = 2
    data = miss_form(client)
    for _ in range(2):
        assert client.post(REQUEST_URL, data).status_code == 302
    response = client.post(REQUEST_URL, data)
    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()
    assert ProfessionRequest.objects.count() == 2


def test_a_name_too_long_is_a_400(client):
    response = client.post(REQUEST_URL, miss_form(client) | {"name": "x" * 500})
    assert response.status_code == 400
    assert not ProfessionRequest.objects.exists()


def test_editors_list_requests_and_tell_requesters_once_published(client):
    editor = UserFactory(username="eden", is_staff=True)
    editor.groups.add(Group.objects.get(name="Editor"))
    client.force_login(editor)
    ProfessionRequest.objects.create(
        name="Beekeeper", email="bee@example.com", consented_at="2026-04-01T00:00Z"
    )
    ProfessionRequest.objects.create(name="Beekeeper")
    ProfessionRequest.objects.create(name="Falconer")
    changelist = reverse("admin:accounts_professionrequest_changelist")
    html = client.get(changelist).content.decode()
    assert "Beekeeper" in html and "Falconer" in html
    assert "bee@example.com" not in html  # the list shows whether, not who

    outlook = OutlookFactory(profession__name="Beekeeper", profession__slug="beekeeper")
    OutlookFactory(
        profession__name="Falconer", profession__slug="falconer", status=PublicationStatus.DRAFT
    )
    response = client.post(
        changelist,
        {
            "action": "tell_requesters_it_is_published",
            "_selected_action": list(ProfessionRequest.objects.values_list("pk", flat=True)),
        },
        follow=True,
    )
    html = response.content.decode()
    assert "1 requester(s) told" in html
    assert "No published outlook is named “Falconer” yet" in html
    (message,) = mail.outbox
    assert message.to == ["bee@example.com"]
    assert outlook.get_absolute_url() in message.body
    assert list(ProfessionRequest.objects.values_list("name", flat=True)) == ["Falconer"]
