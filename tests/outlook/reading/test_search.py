import operator
from functools import reduce

import pytest
from django.contrib.postgres.search import SearchVector
from django.db import connection

from outlook.models import Outlook, PublicationStatus, TaskAssessment
from outlook.reading import views
from outlook.reading.search import (
    SNIPPET_LENGTH,
    SOURCES,
    excerpt,
    full_text_query,
    highlight,
    search,
)
from professions.models import Profession, Skill
from tests.factories import (
    OutlookFactory,
    ProfessionFactory,
    SkillAssessmentFactory,
    SkillFactory,
    TaskAssessmentFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def content():
    outlook = OutlookFactory(
        profession=ProfessionFactory(name="Backend Developer", description="Builds APIs."),
        standfirst="Where AI meets the server side.",
    )
    TaskAssessmentFactory(
        outlook=outlook,
        task="Develop and maintain APIs",
        rationale="Boilerplate and specifications are generated well.",
    )
    SkillAssessmentFactory(
        outlook=outlook, skill=SkillFactory(name="Python", description="A language.")
    )
    draft = OutlookFactory(
        profession=ProfessionFactory(name="Hidden Developer"),
        standfirst="A secret server plan.",
        status=PublicationStatus.DRAFT,
    )
    TaskAssessmentFactory(
        outlook=draft, task="Secret boilerplate task", rationale="Boilerplate too."
    )
    SkillAssessmentFactory(outlook=draft, skill=SkillFactory(name="Hidden skill"))
    return outlook


def test_search_finds_a_task_by_a_word_of_its_rationale(client, content):
    response = client.get("/search/", {"q": "boilerplate"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('<li class="search-result">') == 1
    assert '<p class="search-result__kind">Task · ' in html
    assert "Develop and maintain APIs</a></h2>" in html
    assert "<mark>Boilerplate</mark> and specifications" in html
    assert "Secret boilerplate task" not in html


@pytest.mark.parametrize(
    ("query", "kind", "title"),
    [
        ("backend", "Profession", "Backend Developer"),
        ("server", "Outlook", "Will AI Replace Backend Developer in 2026?"),
        ("python", "Skill", "Python"),
    ],
)
def test_search_covers_professions_outlooks_and_skills(content, query, kind, title):
    assert (kind, title) in [(r.kind, r.title) for r in search(query)]


@pytest.mark.parametrize("query", ["hidden", "secret", "hidden skill", "developer"])
def test_drafts_never_appear_in_search(content, query):
    for result in search(query):
        assert "Hidden" not in result.title and "Secret" not in result.title
        assert "secret" not in result.snippet.lower()


def test_every_word_must_match(content):
    assert search("boilerplate python") == []
    assert [r.title for r in search("boilerplate specifications")] == ["Develop and maintain APIs"]


def test_highlighting_never_lets_editor_text_become_html():
    html = highlight('<script>alert("x")</script> and <b>bold</b> script', ["script"])
    assert "<script" not in html and "<b>" not in html
    assert "&lt;<mark>script</mark>&gt;" in html
    assert html.endswith("<mark>script</mark>")


def test_hostile_editor_text_is_escaped_on_the_results_page(client):
    TaskAssessmentFactory(
        task="<img src=x onerror=alert(1)>", rationale="An evil plan: <script>evil()</script>"
    )
    html = client.get("/search/", {"q": "evil"}).content.decode()
    assert "<script>evil" not in html and "<img src=x" not in html
    assert "&lt;script&gt;<mark>evil</mark>()" in html


@pytest.mark.parametrize("query", ["", "   ", "!!!", "%00", "\x00"])
def test_empty_or_wordless_queries_show_no_results(client, content, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    assert 'class="search-result' not in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "2", "99999999999999999999"])
def test_bad_search_pages_are_404(client, content, page):
    assert client.get("/search/", {"q": "boilerplate", "page": page}).status_code == 404


def test_search_results_paginate_with_bounded_queries(client, django_assert_max_num_queries):
    outlook = OutlookFactory()
    for i in range(55):
        TaskAssessmentFactory(outlook=outlook, task=f"Task {i}", rationale="Spreadsheets galore.")
    # prevents N+1
    with django_assert_max_num_queries(6):
        response = client.get("/search/", {"q": "spreadsheets"})
    html = response.content.decode()
    assert "55 results for “spreadsheets”." in html
    assert html.count('<li class="search-result">') == 20


def test_only_the_shown_page_of_results_is_dressed_with_links_and_snippets(client, monkeypatch):
    outlook = OutlookFactory()
    for i in range(25):
        TaskAssessmentFactory(outlook=outlook, task=f"Task {i}", rationale="Spreadsheets galore.")
    found = []
    monkeypatch.setattr(views, "search", lambda query: found.extend(search(query)) or found)
    html = client.get("/search/", {"q": "spreadsheets", "page": 2}).content.decode()
    assert html.count("<mark>Spreadsheets</mark> galore.") == 5
    dressed = [{"url", "snippet", "title_html"} <= vars(result).keys() for result in found]
    assert dressed == [False] * 20 + [True] * 5


@pytest.mark.postgresql
def test_postgres_full_text_search_ranks_and_stems(content):
    TaskAssessmentFactory(
        outlook=content, task="Generate boilerplate", rationale="Mostly automated now."
    )
    # Stemming: "generating" finds "generated"; the task named for the word ranks first.
    titles = [r.title for r in search("generating boilerplate")]
    assert titles == ["Generate boilerplate", "Develop and maintain APIs"]
    results = search("automation")
    assert [r.title for r in results] == ["Generate boilerplate"]
    assert "<mark>automated</mark>" in results[0].snippet


def test_long_texts_are_excerpted_around_the_first_match():
    text = " ".join(["filler"] * 80) + " the needle is here " + " ".join(["tail"] * 80)
    snippet = excerpt(text, ["needle"])
    assert snippet.startswith("…") and "needle" in snippet
    assert len(snippet) <= SNIPPET_LENGTH + 1
    assert excerpt("Short text.", ["needle"]) == "Short text."


def test_highlighting_marks_inflected_forms_and_ignores_case():
    html = highlight("Automated tools automate AUTOMATION.", ["automation"])
    assert html.count("<mark>") == 3


def source(kind):
    return next(source for source in SOURCES if source.kind == kind)


# The GIN indexes of the stored documents (outlook/migrations/0006 and
# professions/migrations/0004) that must answer each kind's search.
SEARCH_INDEXES = {
    "Profession": ["profession_search_document"],
    "Outlook": ["outlook_search_document", "profession_name_document"],
    "Task": ["task_search_document"],
    "Skill": ["skill_search_document"],
}


@pytest.mark.postgresql
@pytest.mark.parametrize("kind", SEARCH_INDEXES)
def test_every_kind_of_search_is_answered_from_indexes(content, kind):
    with connection.cursor() as cursor:
        # A test table is tiny, so the planner would rather scan it, or walk another index in
        # the model's order (statistics left by other tests decide which); forbid both to see
        # whether the GIN indexes, read by bitmap scans only, can serve the condition at all.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
    search_source = source(kind)
    condition = search_source.condition(full_text_query("server developer"))
    plan = search_source.queryset().model.objects.filter(condition).explain()
    for index in SEARCH_INDEXES[kind]:
        assert f"Bitmap Index Scan on {index}" in plan
    # No document is computed from its text while searching: all are read as stored.
    assert "to_tsvector" not in search_source.full_text_matches("server developer").explain()


@pytest.mark.postgresql
@pytest.mark.parametrize("kind", SEARCH_INDEXES)
def test_stored_documents_are_the_weighted_fields_of_each_kind(content, kind):
    """What PostgreSQL stores is what Source.fields (and the substring fallback) describe."""
    search_source = source(kind)
    model = search_source.queryset().model
    weighted_fields = reduce(
        operator.add,
        (SearchVector(path, weight=w, config="english") for path, w in search_source.fields),
    )
    rows = model.objects.annotate(
        stored=search_source.document(), expected=weighted_fields
    ).values_list("stored", "expected")
    assert rows
    for stored, expected in rows:
        assert stored == expected


@pytest.mark.postgresql
def test_words_split_between_profession_name_and_outlook_text_find_the_outlook(content):
    """The outlook's document is its profession's name followed by its text, as before."""
    OutlookFactory(profession=ProfessionFactory(name="Server Technician"), standfirst="Racks.")
    assert [(r.kind, r.title) for r in search("backend server")] == [
        ("Outlook", "Will AI Replace Backend Developer in 2026?")
    ]
    # A word in the name (weight A) ranks the outlook above one with it in its text (B).
    titles = [r.title for r in search("server") if r.kind == "Outlook"]
    assert titles == [
        "Will AI Replace Server Technician in 2026?",
        "Will AI Replace Backend Developer in 2026?",
    ]


def test_edited_and_new_rows_are_found_at_once(content):
    """Saves, bulk updates and bulk inserts all change what search finds, with no delay."""
    TaskAssessment.objects.filter(outlook=content).update(rationale="Now about spreadsheets.")
    assert [r.title for r in search("spreadsheets")] == ["Develop and maintain APIs"]
    assert search("boilerplate") == []

    profession = content.profession
    profession.name = "Frontend Developer"
    profession.save()
    kinds = {r.kind for r in search("frontend")}
    assert kinds == {"Profession", "Outlook"}
    Outlook.objects.filter(pk=content.pk).update(standfirst="Where AI meets the browser.")
    assert [r.kind for r in search("browser")] == ["Outlook"]

    TaskAssessment.objects.bulk_create(
        [TaskAssessment(outlook=content, task="Tune queries", exposure="low", rationale="Plans.")]
    )
    Skill.objects.filter(name="Python").update(description="Scripting everywhere.")
    Profession.objects.filter(pk=profession.pk).update(description="Builds web pages.")
    assert {(r.kind, r.title) for r in search("tune")} == {("Task", "Tune queries")}
    assert {(r.kind, r.title) for r in search("scripting")} == {("Skill", "Python")}
    assert {(r.kind, r.title) for r in search("pages")} == {("Profession", "Frontend Developer")}


def test_a_search_costs_one_query_per_kind(content, django_assert_num_queries):
    OutlookFactory(profession=ProfessionFactory(name="Python Developer"), standfirst="Python.")
    with django_assert_num_queries(len(SOURCES)):
        results = search("developer python")
    assert {r.kind for r in results} == {"Profession", "Outlook"}


def test_equally_ranked_matches_past_the_cap_are_the_same_on_every_search(monkeypatch):
    """The cap keeps the first rows of a fixed order, so pages never shift between reads."""
    monkeypatch.setattr("outlook.reading.search.MAX_RESULTS_PER_KIND", 5)
    tasks = [
        TaskAssessmentFactory(outlook=OutlookFactory(), task="Reconcile ledgers") for _ in range(12)
    ]
    expected = sorted(task.pk for task in tasks)[:5]

    shown = [sorted(result.row.pk for result in search("ledgers")) for _ in range(3)]

    assert shown == [expected] * 3
