"""Bylines, author pages, sources and the outlook's dates, edited through the gate."""

import datetime
import json

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from outlook.models import AuditAction, AuditEntry, Correction, PublicationStatus
from outlook.models.bylines import Author, OutlookAuthor, Source
from tests.factories import OutlookFactory, UserFactory
from tests.outlook.form_html import form_data
from tests.outlook.helpers import complete_outlook

pytestmark = pytest.mark.django_db


def change_url(outlook) -> str:
    return reverse("admin:outlook_outlook_change", args=[outlook.pk])


def article_of(html: str) -> dict:
    blocks = html.split('<script type="application/ld+json">')[1:]
    data = [json.loads(block.split("</script>")[0]) for block in blocks]
    return next(item for item in data if item.get("@type") == "Article")


def test_an_editor_creates_an_author_through_the_gate(editor_client, editor):
    url = reverse("admin:outlook_author_add")
    data = form_data(editor_client.get(url), "author_form")
    data |= {"name": "Ada Byline", "slug": "ada-byline", "bio": "Writes about work."}
    data["user"] = str(editor.pk)
    response = editor_client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]
    author = Author.objects.get(slug="ada-byline")
    assert author.user == editor
    entry = AuditEntry.objects.get(action=AuditAction.CREATED, actor=editor)
    assert entry.subject == "Author: Ada Byline"


def test_a_contributor_cannot_add_authors(contributor_client):
    assert contributor_client.get(reverse("admin:outlook_author_add")).status_code == 403


def test_the_writer_is_the_byline_by_default_and_editors_add_co_authors(
    editor_client, editor, client
):
    writer = UserFactory(username="wren", is_staff=True)
    Author.objects.create(name="Wren Writer", slug="wren-writer", user=writer)
    co_author = Author.objects.create(name="Cole Author", slug="cole-author")
    outlook = complete_outlook(status=PublicationStatus.PUBLISHED, writer=writer)

    html = client.get(outlook.get_absolute_url()).content.decode()
    assert 'By <a href="/authors/wren-writer/">Wren Writer</a>' in html

    data = form_data(editor_client.get(change_url(outlook)), "outlook_form")
    data |= {"bylines-TOTAL_FORMS": "1", "bylines-0-position": "1"}
    data["bylines-0-author"] = str(co_author.pk)
    response = editor_client.post(change_url(outlook), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    entry = AuditEntry.objects.filter(outlook=outlook, action=AuditAction.EDITED).get()
    assert "co-authors" in entry.comment
    assert entry.actor == editor

    html = client.get(outlook.get_absolute_url()).content.decode()
    assert (
        'By <a href="/authors/wren-writer/">Wren Writer</a> and '
        '<a href="/authors/cole-author/">Cole Author</a>'
    ) in html
    names = [person["name"] for person in article_of(html)["author"]]
    assert names == ["Wren Writer", "Cole Author"]


def test_an_author_page_lists_their_published_outlooks_only(client, django_assert_max_num_queries):
    writer = UserFactory(username="wren", is_staff=True)
    author = Author.objects.create(
        name="Wren Writer", slug="wren-writer", bio="Covers finance.", user=writer
    )
    written = OutlookFactory(writer=writer, profession__name="Accountant")
    co_written = OutlookFactory(profession__name="Actuary")
    OutlookAuthor.objects.create(outlook=co_written, author=author)
    draft = OutlookFactory(
        writer=writer, status=PublicationStatus.DRAFT, profession__name="Auditor"
    )
    with django_assert_max_num_queries(6):  # prevents N+1
        response = client.get(author.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Covers finance." in html
    assert written.get_absolute_url() in html
    assert co_written.get_absolute_url() in html
    assert draft.get_absolute_url() not in html
    assert client.get("/authors/nobody/").status_code == 404


def test_sources_are_added_in_the_form_and_listed_on_the_page(editor_client, client):
    outlook = complete_outlook(status=PublicationStatus.PUBLISHED)
    data = form_data(editor_client.get(change_url(outlook)), "outlook_form")
    data |= {
        "sources-TOTAL_FORMS": "1",
        "sources-0-position": "0",
        "sources-0-title": "Labour force survey 2026",
        "sources-0-url": "https://stats.example.org/lfs-2026",
        "sources-0-accessed": "2026-03-14",
    }
    response = editor_client.post(change_url(outlook), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    assert "sources" in AuditEntry.objects.get(outlook=outlook).comment

    html = client.get(outlook.get_absolute_url()).content.decode()
    assert (
        '<a href="https://stats.example.org/lfs-2026" rel="nofollow noopener">'
        "Labour force survey 2026</a>, accessed "
        '<time datetime="2026-03-14">March 14, 2026</time>'
    ) in html


def test_a_source_with_a_script_url_is_refused_and_nothing_is_saved(editor_client):
    outlook = complete_outlook(status=PublicationStatus.PUBLISHED)
    data = form_data(editor_client.get(change_url(outlook)), "outlook_form")
    data |= {
        "standfirst": "Changed in the same save.",
        "sources-TOTAL_FORMS": "1",
        "sources-0-position": "0",
        "sources-0-title": "Bad link",
        "sources-0-url": "javascript:alert(1)",
        "sources-0-accessed": "2026-03-14",
    }
    response = editor_client.post(change_url(outlook), data)
    assert response.status_code == 200
    assert "Enter a valid URL." in response.content.decode()
    outlook.refresh_from_db()
    assert outlook.standfirst != "Changed in the same save."
    assert not Source.objects.exists()
    assert not AuditEntry.objects.exists()


def test_every_outlook_shows_published_and_updated_dates(client):
    with time_machine.travel(datetime.datetime(2026, 4, 20, 8, 0, tzinfo=datetime.UTC)):
        outlook = complete_outlook(status=PublicationStatus.PUBLISHED)
    html = client.get(outlook.get_absolute_url()).content.decode()
    assert "Published <time" in html and "April 20, 2026" in html
    assert "Updated <time" not in html

    Correction.objects.create(
        outlook=outlook,
        text="The adoption figure was wrong.",
        created_at=datetime.datetime(2026, 5, 3, 11, 0, tzinfo=datetime.UTC),
    )
    html = client.get(outlook.get_absolute_url()).content.decode()
    assert 'Updated <time datetime="2026-05-03T12:00:00+01:00">May 3, 2026</time>' in html


def test_co_authors_are_added_by_editors_not_contributors(contributor_client, contributor):
    co_author = Author.objects.create(name="Cole Author", slug="cole-author")
    outlook = complete_outlook(writer=contributor)
    data = form_data(contributor_client.get(change_url(outlook)), "outlook_form")
    data |= {
        "bylines-TOTAL_FORMS": "1",
        "bylines-INITIAL_FORMS": "0",
        "bylines-0-position": "1",
        "bylines-0-author": str(co_author.pk),
    }
    contributor_client.post(change_url(outlook), data)
    assert not OutlookAuthor.objects.exists()


def test_renaming_an_author_refreshes_their_page_and_their_outlooks_bylines(
    editor_client, page_cache, after_commit
):
    reader = Client()
    writer = UserFactory(username="wren", is_staff=True)
    author = Author.objects.create(name="Wren Writer", slug="wren-writer", user=writer)
    written = OutlookFactory(writer=writer, profession__name="Accountant")
    co_written = OutlookFactory(profession__name="Actuary")
    OutlookAuthor.objects.create(outlook=co_written, author=author)
    pages = [author.get_absolute_url(), written.get_absolute_url(), co_written.get_absolute_url()]
    for page in pages:  # now stored in the page cache
        assert "Wren Writer" in reader.get(page).content.decode()
    url = reverse("admin:outlook_author_change", args=[author.pk])
    data = form_data(editor_client.get(url), "author_form") | {"name": "Wren Penn"}
    with after_commit():
        assert editor_client.post(url, data).status_code == 302
    for page in pages:
        assert "Wren Penn" in reader.get(page).content.decode(), page
