"""Two editors saving one outlook at the same moment, in real parallel transactions."""

import threading

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from outlook.models import Outlook
from tests.factories import OutlookFactory, TaskAssessmentFactory
from tests.outlook.editors import content_editor
from tests.outlook.form_html import form_data

pytestmark = pytest.mark.django_db(transaction=True)


# SQLite serialises writers itself; this race needs PostgreSQL's row locks.
@pytest.mark.postgresql
def test_of_two_simultaneous_saves_exactly_one_wins():
    outlook = OutlookFactory(standfirst="Before.")
    TaskAssessmentFactory(outlook=outlook)
    url = reverse("admin:outlook_outlook_change", args=[outlook.pk])
    clients, forms = [], []
    for name in ("first", "second"):
        client = Client()
        client.force_login(content_editor(name))
        clients.append(client)
        forms.append(form_data(client.get(url), "outlook_form") | {"standfirst": f"By {name}."})

    start = threading.Barrier(2)
    statuses = {}

    def save(index):
        try:
            start.wait()
            statuses[index] = clients[index].post(url, forms[index]).status_code
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(i,)) for i in (0, 1)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(statuses.values()) == [200, 302]
    winner = "first" if statuses[0] == 302 else "second"
    assert Outlook.objects.get(pk=outlook.pk).standfirst == f"By {winner}."
