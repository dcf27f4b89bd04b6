"""The anonymous page cache: served with validators, invalidated by every content change."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.test import Client, RequestFactory
from django.urls import reverse
from django.views.decorators.cache import never_cache

from outlook.models import Issue, Outlook, PublicationStatus, TaskAssessment
from outlook.publishing import content_keys, edits, go_live
from outlook.publishing import workflow as services
from outlook.web import cache as page_cache
from outlook.web import key_versions
from outlook.web.middleware import PublicPageCacheMiddleware
from professions.models import Category, Profession
from tests.factories import (
    IssueFactory,
    OutlookFactory,
    SkillAssessmentFactory,
    TaskAssessmentFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]

UTC = datetime.UTC


@pytest.fixture
def outlook():
    outlook = OutlookFactory(
        standfirst="The original standfirst.",
        profession__name="Tax Adviser",
        profession__slug="tax-adviser",
    )
    TaskAssessmentFactory(outlook=outlook, task="Prepare returns")
    SkillAssessmentFactory(outlook=outlook, skill__name="Bookkeeping", skill__slug="bookkeeping")
    return outlook


def change_silently(outlook, **fields):
    """Change the database without the signals, so only the cache can explain stale pages."""
    Outlook.objects.filter(pk=outlook.pk).update(**fields)


def test_an_anonymous_page_is_cached_and_carries_validators(client, outlook):
    url = outlook.get_absolute_url()
    first = client.get(url)
    assert first.status_code == 200
    assert first["X-Cache"] == "miss"
    assert first["ETag"]
    assert first["Last-Modified"]
    assert set(first["Cache-Control"].split(", ")) == {"public", "max-age=0", "must-revalidate"}

    change_silently(outlook, standfirst="Changed behind the cache's back.")
    second = client.get(url)
    assert second["X-Cache"] == "hit"
    assert second["ETag"] == first["ETag"]
    assert b"The original standfirst." in second.content


def test_shared_links_with_click_ids_are_served_one_cached_page(client, outlook):
    url = outlook.get_absolute_url()
    assert client.get(f"{url}?utm_source=newsletter&fbclid=first-reader")["X-Cache"] == "miss"
    change_silently(outlook, standfirst="Changed behind the cache's back.")

    for tags in ("fbclid=second-reader", "utm_medium=social&gclid=ad", ""):
        response = client.get(f"{url}?{tags}")
        assert response["X-Cache"] == "hit"
        assert b"The original standfirst." in response.content
        assert b"first-reader" not in response.content


def test_parameters_a_page_reads_still_make_their_own_pages(client, outlook):
    category = outlook.profession.category.slug
    assert client.get(f"/professions/?page=1&category={category}")["X-Cache"] == "miss"
    # Same parameters in another order, tagged or not: the same page.
    assert (
        client.get(f"/professions/?utm_campaign=x&category={category}&page=1")["X-Cache"] == "hit"
    )
    assert client.get("/professions/?page=1")["X-Cache"] == "miss"


def test_no_page_is_stored_or_served_when_the_page_cache_is_off(client, outlook, settings):
    url = outlook.get_absolute_url()
    assert client.get(url)["X-Cache"] == "miss"
    # Turned off (a restart with PAGE_CACHE_SECONDS=0): what was stored is not served either.
    settings.PAGE_CACHE_SECONDS = 0
    change_silently(outlook, standfirst="Seen at once.")
    response = client.get(url)
    assert "X-Cache" not in response
    assert b"Seen at once." in response.content


def test_a_conditional_get_answers_304(client, outlook):
    url = outlook.get_absolute_url()
    first = client.get(url)

    by_etag = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert by_etag.status_code == 304
    assert by_etag.content == b""
    assert by_etag["ETag"] == first["ETag"]

    by_date = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
    assert by_date.status_code == 304

    stale = client.get(url, headers={"If-None-Match": '"an-older-version"'})
    assert stale.status_code == 200
    assert b"The original standfirst." in stale.content


def test_a_conditional_get_after_an_edit_gets_the_new_page(
    client, outlook, superuser, after_commit
):
    url = outlook.get_absolute_url()
    first = client.get(url)
    with after_commit():
        edits.edit_fields(obj=outlook, user=superuser, standfirst="A fresh standfirst.")
    response = client.get(url, headers={"If-None-Match": first["ETag"]})
    assert response.status_code == 200
    assert b"A fresh standfirst." in response.content
    assert response["ETag"] != first["ETag"]


def edit_standfirst(outlook, user):
    edits.edit_fields(obj=outlook, user=user, standfirst="A fresh standfirst.")
    return "A fresh standfirst."


def unpublish_outlook(outlook, user):
    services.unpublish(outlook=outlook, user=user)
    return None


def unpublish_issue(outlook, user):
    services.unpublish_issue(issue=Issue.objects.get(pk=outlook.issue_id), user=user)
    return None


def edit_task_row(outlook, user):
    task = TaskAssessment.objects.get(outlook=outlook)
    edits.edit_row(row=task, user=user, task="File amended returns")
    return "File amended returns"


def correct(outlook, user):
    edits.append_correction(outlook=outlook, user=user, text="The count was wrong.")
    return "The count was wrong."


def rename_profession(outlook, user):
    profession = Profession.objects.get(pk=outlook.profession_id)
    edits.edit_fields(obj=profession, user=user, name="Tax Consultant")
    return "Will AI Replace Tax Consultant"


def rename_category(outlook, user):
    category = Category.objects.get(professions__outlooks=outlook)
    edits.edit_fields(obj=category, user=user, name="Money Matters")
    return "Money Matters"


def rename_skill(outlook, user):
    skill = outlook.skill_assessments.get().skill
    edits.edit_fields(obj=skill, user=user, name="Ledger keeping")
    return "Ledger keeping"


@pytest.mark.parametrize(
    "change",
    [
        edit_standfirst,
        unpublish_outlook,
        unpublish_issue,
        edit_task_row,
        correct,
        rename_profession,
        rename_category,
        rename_skill,
    ],
)
def test_readers_see_every_content_change_at_once(client, outlook, change, superuser, after_commit):
    url = outlook.get_absolute_url()
    assert client.get(url).status_code == 200
    assert client.get(url)["X-Cache"] == "hit"

    with after_commit():
        expected = change(outlook, superuser)

    response = client.get(url)
    if expected is None:
        assert response.status_code == 404
    else:
        assert response.status_code == 200
        assert expected in response.content.decode()


def test_publishing_shows_a_draft_to_readers_at_once(client, outlook, superuser, after_commit):
    change_silently(outlook, status=PublicationStatus.DRAFT)
    issue_page = outlook.issue.get_absolute_url()
    url = outlook.get_absolute_url()
    assert client.get(url).status_code == 404
    assert b"Tax Adviser" not in client.get(issue_page).content
    with after_commit():
        outlook.refresh_from_db()
        services.publish_outlook(outlook=outlook, user=superuser)
    assert client.get(url).status_code == 200
    assert b"Tax Adviser" in client.get(issue_page).content


def test_pages_go_stale_only_after_commit(
    client, outlook, superuser, django_capture_on_commit_callbacks
):
    url = outlook.get_absolute_url()
    client.get(url)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        edits.edit_fields(obj=outlook, user=superuser, standfirst="After the commit.")
    # Before the commit, a reader (another process) still gets the stored page.
    assert client.get(url)["X-Cache"] == "hit"
    for callback in callbacks:
        callback()
    assert client.get(url)["X-Cache"] == "miss"


def test_an_edit_makes_stale_only_the_pages_that_show_it(client, outlook, superuser, after_commit):
    # Another issue, profession, category and skill.
    other = OutlookFactory(profession__name="Payroll Clerk")
    TaskAssessmentFactory(outlook=other)
    SkillAssessmentFactory(outlook=other, skill__name="Payroll")
    pages = {
        "own": outlook.get_absolute_url(),
        "other": other.get_absolute_url(),
        "issue": outlook.issue.get_absolute_url(),
        "skills": "/skills/",
    }
    for url in pages.values():
        assert client.get(url).status_code == 200
        assert client.get(url)["X-Cache"] == "hit", url

    with after_commit():
        edits.edit_fields(obj=outlook, user=superuser, standfirst="Edited while live.")

    assert client.get(pages["own"])["X-Cache"] == "miss"
    assert client.get(pages["issue"])["X-Cache"] == "miss"  # it lists the outlook
    # The other outlook's page and the pages of another concern are kept.
    assert client.get(pages["other"])["X-Cache"] == "hit"


def test_a_draft_edit_makes_no_page_stale(client, outlook, superuser, after_commit):
    draft = OutlookFactory(
        issue=outlook.issue, profession__name="Payroll Clerk", status=PublicationStatus.DRAFT
    )
    pages = [outlook.get_absolute_url(), outlook.issue.get_absolute_url(), "/", "/professions/"]
    for url in pages:
        client.get(url)
    with after_commit():
        edits.edit_fields(obj=draft, user=superuser, standfirst="Readers never see this.")
    for url in pages:
        assert client.get(url)["X-Cache"] == "hit", url


def test_a_page_whose_key_was_evicted_is_rendered_again(client, outlook):
    url = outlook.get_absolute_url()
    client.get(url)
    cache.delete(key_versions.soft_name(content_keys.content_key(outlook)))
    page_cache.local_pages.clear()
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"


def test_staff_are_never_served_a_cached_page(client, superuser, outlook):
    url = outlook.get_absolute_url()
    anonymous = client.get(url)
    assert anonymous["X-Cache"] == "miss"

    change_silently(outlook, standfirst="What staff must see.")
    client.force_login(superuser)
    staff = client.get(url)
    assert b"What staff must see." in staff.content
    assert "X-Cache" not in staff
    assert "private" in staff["Cache-Control"]


def test_a_staff_page_is_never_stored_for_readers(client, superuser, outlook):
    url = outlook.get_absolute_url()
    change_silently(outlook, status=PublicationStatus.DRAFT)
    client.force_login(superuser)
    assert client.get(url).status_code == 200  # the draft, with its banner
    client.logout()
    assert client.get(url).status_code == 404


def middleware_response(view, request):
    return PublicPageCacheMiddleware(view)(request)


@pytest.mark.parametrize(
    "view",
    [
        pytest.param(
            lambda request: _with_cookie(HttpResponse("hello")), id="response sets a cookie"
        ),
        pytest.param(never_cache(lambda request: HttpResponse("hello")), id="never_cache view"),
        pytest.param(lambda request: HttpResponse("gone", status=404), id="not found"),
    ],
)
def test_responses_that_must_stay_private_are_not_stored(view):
    request = RequestFactory().get("/somewhere/")
    middleware_response(view, request)
    calls = []

    def counting_view(request):
        calls.append(request)
        return view(request)

    middleware_response(counting_view, RequestFactory().get("/somewhere/"))
    assert len(calls) == 1, "the second request must reach the view"


def _with_cookie(response):
    response.set_cookie("preference", "abc")
    return response


def submit_signup_form(reader, outlook) -> tuple[str, int]:
    """Open the outlook page as `reader`, as a browser would, and submit its report form."""
    page = reader.get(outlook.get_absolute_url())
    assert not page.cookies
    response = reader.post(
        reverse("accounts:signup"),
        {
            "email": f"{id(reader)}@example.com",
            "profession": outlook.profession.slug,
            "issue": str(outlook.issue_id),
            "consent": "on",
            "website": "",
        },
        HTTP_SEC_FETCH_SITE="same-origin",
    )
    return page["X-Cache"], response.status_code


def test_a_page_with_the_signup_form_is_one_cached_page_for_every_reader(outlook):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    assert submit_signup_form(first, outlook) == ("miss", 302)
    assert submit_signup_form(second, outlook) == ("hit", 302)
    assert first.get(outlook.get_absolute_url()).content == (
        second.get(outlook.get_absolute_url()).content
    )


def test_a_page_carrying_a_readers_csrf_token_is_never_stored():
    def form_with_token(request):
        return HttpResponse(f'<input name="csrfmiddlewaretoken" value="{get_token(request)}">')

    view = CsrfViewMiddleware(form_with_token)
    first = middleware_response(view, RequestFactory().get("/a-form/"))
    assert settings.CSRF_COOKIE_NAME in first.cookies
    second = middleware_response(view, RequestFactory().get("/a-form/"))
    assert second.get("X-Cache") != "hit"
    assert second.content != first.content


def test_posts_are_never_served_from_the_cache():
    calls = []

    def view(request):
        calls.append(request.method)
        return HttpResponse("ok")

    factory = RequestFactory()
    middleware_response(view, factory.get("/form/"))
    middleware_response(view, factory.post("/form/", {"name": "x"}))
    assert calls == ["GET", "POST"]


NOON = datetime.datetime(2026, 4, 20, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("next_change", "expected"),
    [
        (None, 3600),
        (NOON + datetime.timedelta(hours=5), 3600),
        (NOON + datetime.timedelta(minutes=10), 600),
        (NOON + datetime.timedelta(seconds=1), 1),
        (NOON, 0),
        (NOON - datetime.timedelta(minutes=1), 0),
    ],
)
def test_a_page_never_outlives_the_next_scheduled_change(next_change, expected):
    assert (
        page_cache.page_cache_timeout(now=NOON, next_change=next_change, longest=3600) == expected
    )


def test_a_cached_page_expires_at_the_next_go_live(client, outlook):
    go_live = NOON + datetime.timedelta(minutes=10)
    scheduled = OutlookFactory(
        issue=outlook.issue,
        profession__name="Payroll Clerk",
        status=PublicationStatus.SCHEDULED,
        go_live_at=go_live,
    )
    with time_machine.travel(NOON, tick=False) as clock:
        response = client.get("/")
        assert response["X-Cache"] == "miss"
        assert scheduled.get_absolute_url().encode() not in response.content
        # Going live changes no row at that moment: only the clock moves.
        clock.move_to(go_live - datetime.timedelta(seconds=1))
        response = client.get("/")
        assert response["X-Cache"] == "hit"
        assert scheduled.get_absolute_url().encode() not in response.content
        clock.move_to(go_live + datetime.timedelta(seconds=1))
        response = client.get("/")
        assert response["X-Cache"] == "miss"
        assert scheduled.get_absolute_url().encode() in response.content


def test_the_schedule_names_each_key_a_go_live_changes_and_when(outlook):
    assert go_live.build_schedule(NOON) == {}
    soon, later = NOON + datetime.timedelta(hours=1), NOON + datetime.timedelta(days=1)
    issue = IssueFactory(status=PublicationStatus.SCHEDULED, go_live_at=later)
    scheduled = OutlookFactory(status=PublicationStatus.SCHEDULED, go_live_at=soon)
    schedule = go_live.build_schedule(NOON)
    assert schedule[content_keys.content_key(scheduled)] == soon
    assert schedule[content_keys.issue_contents_key(scheduled.issue_id)] == soon
    assert schedule[content_keys.issue_contents_key(issue.pk)] == later
    assert schedule[content_keys.ISSUES] == soon
    assert content_keys.content_key(outlook) not in schedule
    assert content_keys.ISSUES not in go_live.build_schedule(later)


def test_a_go_live_shortens_only_the_pages_that_show_it(client, outlook):
    go_live_at = NOON + datetime.timedelta(minutes=10)
    elsewhere = OutlookFactory(profession__name="Payroll Clerk")
    TaskAssessmentFactory(outlook=elsewhere)
    OutlookFactory(
        issue=elsewhere.issue,
        profession__name="Bookbinder",
        status=PublicationStatus.SCHEDULED,
        go_live_at=go_live_at,
    )
    with time_machine.travel(NOON, tick=False) as clock:
        for url in (outlook.get_absolute_url(), elsewhere.issue.get_absolute_url()):
            assert client.get(url)["X-Cache"] == "miss"
        clock.move_to(go_live_at + datetime.timedelta(seconds=1))
        # The page of an outlook in another issue keeps its full lifetime...
        assert client.get(outlook.get_absolute_url())["X-Cache"] == "hit"
        # ...the issue gaining an outlook is rendered again at the go-live.
        response = client.get(elsewhere.issue.get_absolute_url())
        assert response["X-Cache"] == "miss"
        assert b"Bookbinder" in response.content


UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        # Nothing listens on port 1.
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 1},
    }
}


def test_pages_are_still_served_when_the_cache_is_down(client, outlook, settings):
    settings.CACHES = UNREACHABLE_REDIS
    response = client.get(outlook.get_absolute_url())
    assert response.status_code == 200
    assert response["X-Cache"] == "unavailable"
    assert b"The original standfirst." in response.content


def test_an_edit_is_saved_when_the_cache_is_down(
    outlook, settings, django_capture_on_commit_callbacks
):
    settings.CACHES = UNREACHABLE_REDIS
    with django_capture_on_commit_callbacks(execute=True):
        outlook.standfirst = "Saved all the same."
        outlook.save()
    assert Outlook.objects.get(pk=outlook.pk).standfirst == "Saved all the same."


def test_an_edit_elsewhere_is_seen_though_this_process_kept_a_copy(client, outlook):
    url = outlook.get_absolute_url()
    assert client.get(url)["X-Cache"] == "miss"
    assert client.get(url)["X-Cache"] == "hit"
    # Another process saves an edit: the database changes and the outlook's key moves.
    Outlook.objects.filter(pk=outlook.pk).update(standfirst="Edited in another process.")
    key_versions.invalidate([content_keys.content_key(outlook)], hard=False)
    response = client.get(url)
    assert response["X-Cache"] == "miss"
    assert b"Edited in another process." in response.content


def test_a_correction_makes_stale_only_the_outlooks_own_page(
    client, outlook, superuser, after_commit
):
    neighbour = OutlookFactory(issue=outlook.issue, profession__name="Payroll Clerk")
    TaskAssessmentFactory(outlook=neighbour)
    pages = [neighbour.get_absolute_url(), outlook.issue.get_absolute_url(), "/"]
    for url in [outlook.get_absolute_url(), *pages]:
        client.get(url)
    with after_commit():
        edits.append_correction(outlook=outlook, user=superuser, text="A count was wrong.")
    response = client.get(outlook.get_absolute_url())
    assert response["X-Cache"] == "miss"
    assert b"A count was wrong." in response.content
    # The note shows on no list: the issue's pages keep their copies.
    for url in pages:
        assert client.get(url)["X-Cache"] == "hit", url
