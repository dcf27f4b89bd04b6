import datetime
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from outlook.models import Exposure, PublicationStatus
from outlook.reading.views import (
    CONTENTS_PER_PAGE,
    COVER_HIGHLIGHTS,
    COVER_LIMIT,
    RANKING_ENDS,
    HomeView,
)
from tests.factories import (
    CategoryFactory,
    IssueFactory,
    OutlookFactory,
    ProfessionFactory,
    TaskAssessmentFactory,
)

pytestmark = pytest.mark.django_db


def issue_with_outlooks(count, prefix="Job", **issue_kwargs):
    issue = IssueFactory(**issue_kwargs)
    categories = [CategoryFactory(name=f"Field {i}") for i in range(3)]
    for i in range(count):
        outlook = OutlookFactory(
            issue=issue,
            profession=ProfessionFactory(name=f"{prefix} {i:03d}", category=categories[i % 3]),
        )
        TaskAssessmentFactory(outlook=outlook, exposure=[Exposure.HIGH, Exposure.LOW][i % 2])
    return issue


def test_home_is_the_latest_issue_cover_with_exposure_summaries(client):
    IssueFactory(volume=1, number=1, publication_date=datetime.date(2025, 4, 14), title="Old")
    issue = IssueFactory(volume=1, number=4, editors_note="Eight professions **task by task**.")
    outlook = OutlookFactory(issue=issue, profession__name="Radiologist")
    TaskAssessmentFactory(outlook=outlook, exposure=Exposure.HIGH)
    TaskAssessmentFactory(outlook=outlook, exposure=Exposure.LOW)
    IssueFactory(volume=1, number=5, status=PublicationStatus.DRAFT, title="Unpublished")
    html = client.get("/").content.decode()
    assert "Vol. I" in html and "No. 04" in html
    assert "<strong>task by task</strong>" in html
    assert outlook.headline in html
    assert "1 high" in html and "0 medium" in html and "1 low" in html and "Index 50" in html
    assert 'href="/issues/"' in html and 'href="/issues/1/4/"' in html
    assert "Unpublished" not in html


def test_home_without_issues_says_so(client):
    IssueFactory(status=PublicationStatus.DRAFT)
    response = client.get("/")
    assert response.status_code == 200
    assert "No issue has been published yet." in response.content.decode()


def test_home_with_many_outlooks_has_bounded_queries(client, django_assert_max_num_queries):
    issue_with_outlooks(COVER_LIMIT)
    # prevents N+1: the issue with its count, then its outlooks.
    with django_assert_max_num_queries(2):
        response = client.get("/")
    assert response.content.decode().count('class="toc__item"') == COVER_LIMIT
    issue_with_outlooks(120, prefix="Role", volume=2, number=1)
    # prevents N+1: the issue with its count, then both ends of its ranking.
    with django_assert_max_num_queries(2):
        response = client.get("/")
    assert response.content.decode().count('class="toc__item"') == 2 * COVER_HIGHLIGHTS


def test_a_large_issue_cover_shows_the_most_and_least_exposed_and_links_to_all(client):
    issue = issue_with_outlooks(COVER_LIMIT + 1)
    html = client.get("/").content.decode()
    most = html[html.index('id="most-exposed"') : html.index('id="least-exposed"')]
    least = html[html.index('id="least-exposed"') :]
    # Even-numbered jobs have a high-exposure task, odd ones a low one; the ranking breaks
    # ties A–Z, so its last five are the last odd ones.
    assert most.count('class="toc__item"') == least.count('class="toc__item"') == 5
    assert "Job 000" in most and "Job 008" in most and "Index 100" in most
    assert least.index("Job 015") < least.index("Job 023") and "Index 0<" in least
    assert "Job 010" not in html and "Job 013" not in html
    assert f'<a href="{issue.get_absolute_url()}#contents">See all 25' in html


def test_archive_groups_issues_by_volume_newest_first(client):
    IssueFactory(volume=1, number=1, publication_date=datetime.date(2025, 1, 1), title="V1N1")
    IssueFactory(volume=1, number=2, publication_date=datetime.date(2025, 6, 1), title="V1N2")
    IssueFactory(volume=2, number=1, publication_date=datetime.date(2026, 1, 1), title="V2N1")
    IssueFactory(volume=2, number=2, status=PublicationStatus.DRAFT, title="Draft issue")
    html = client.get(reverse("outlook:archive")).content.decode()
    assert html.index("Volume II") < html.index("V2N1") < html.index("Volume I<")
    assert html.index("Volume I<") < html.index("V1N2") < html.index("V1N1")
    assert "Draft issue" not in html


def test_archive_paginates_with_bounded_queries(client, django_assert_max_num_queries):
    for number in range(1, 56):
        IssueFactory(volume=1 + number // 12, number=number)
    # prevents N+1
    with django_assert_max_num_queries(3):
        response = client.get(reverse("outlook:archive"))
    assert "Page 1 of 3" in response.content.decode()
    last = client.get(reverse("outlook:archive"), {"page": 3}).content.decode()
    assert last.count('<li class="issue-list__item">') == 55 - 48


@pytest.mark.parametrize("page", ["abc", "0", "4", "99999999999999999999", "1.5", "%00"])
def test_archive_bad_pages_are_404(client, page):
    IssueFactory()
    assert client.get(f"/issues/?page={page}").status_code == 404


def test_issue_page_is_a_table_of_contents_with_ranking_and_data(client):
    issue = IssueFactory(volume=1, number=4)
    exposed = OutlookFactory(issue=issue, profession__name="Copywriter")
    safe = OutlookFactory(issue=issue, profession__name="Nurse")
    TaskAssessmentFactory(outlook=exposed, exposure=Exposure.HIGH)
    TaskAssessmentFactory(outlook=safe, exposure=Exposure.LOW)
    OutlookFactory(issue=issue, profession__name="Secret", status=PublicationStatus.DRAFT)
    response = client.get("/issues/1/4/")
    assert response.status_code == 200
    html = response.content.decode()
    assert exposed.headline in html and safe.headline in html
    assert "Secret" not in html
    ranking = html[html.index('id="ranking"') : html.index('id="compare"')]
    assert ranking.index("Copywriter") < ranking.index("Nurse")
    assert "(100 × high + 50 × medium + 0 × low) ÷ number of tasks" in ranking
    assert 'href="/issues/1/4/data.csv"' in html and 'href="/issues/1/4/data.json"' in html


def test_issue_page_with_many_outlooks_has_bounded_queries(
    client, django_assert_max_num_queries, django_capture_on_commit_callbacks
):
    # The stored median is refreshed after commit, as when an editor publishes.
    with django_capture_on_commit_callbacks(execute=True):
        issue = issue_with_outlooks(120, volume=3, number=2)
    for page, shown in [(1, CONTENTS_PER_PAGE), (3, 120 - 2 * CONTENTS_PER_PAGE)]:
        # prevents N+1: the issue, the count, the page's outlooks, the ranking's ends, the
        # index distribution, the issue's share card.
        with django_assert_max_num_queries(6):
            response = client.get(issue.get_absolute_url(), {"page": page})
        html = response.content.decode()
        assert html.count('class="toc__item"') == shown
        assert html.count('<th scope="row" data-label="Profession">') == 2 * RANKING_ENDS
        assert f"Page {page} of 3" in html


def test_issue_contents_go_a_page_at_a_time_in_cover_order(client):
    issue = issue_with_outlooks(CONTENTS_PER_PAGE + 2)
    first = client.get(issue.get_absolute_url())
    last = client.get(issue.get_absolute_url(), {"page": 2})
    contents = [
        response.content.decode().split('id="contents"')[1].split('id="ranking"')[0]
        for response in (first, last)
    ]
    listed = [name for html in contents for name in re.findall(r">Will AI Replace (.+?) in", html)]
    assert len(listed) == CONTENTS_PER_PAGE + 2 and len(set(listed)) == len(listed)
    # Three fields in turn: Job 000, 003, … are in Field 0.
    assert listed[:2] == ["Job 000", "Job 003"]
    assert 'rel="next" href="?page=2"' in first.content.decode()
    assert '<link rel="canonical" href="http://testserver/issues/1/' in last.content.decode()
    assert '?page=2">' in last.content.decode()


@pytest.mark.parametrize("page", ["abc", "0", "3", "99999999999999999999", "1.5", "%00"])
def test_issue_page_bad_pages_are_404(client, page):
    issue = issue_with_outlooks(CONTENTS_PER_PAGE + 2)
    assert client.get(f"{issue.get_absolute_url()}?page={page}").status_code == 404


def test_other_spellings_of_an_issue_url_keep_the_page(client):
    issue_with_outlooks(CONTENTS_PER_PAGE + 2, volume=1, number=4)
    response = client.get("/issues/01/04/", {"page": 2})
    assert response.status_code == 301
    assert response["Location"] == "/issues/1/4/?page=2"


def test_issue_page_ranking_shows_both_ends_and_points_to_the_full_data(client):
    issue = issue_with_outlooks(2 * RANKING_ENDS + 5)
    html = client.get(issue.get_absolute_url()).content.decode()
    ranking = html[html.index('id="ranking"') : html.index('id="compare"')]
    assert ranking.count('<th scope="row" data-label="Profession">') == 2 * RANKING_ENDS
    assert "… 5 more professions ranked in between" in ranking
    assert f'href="{issue.get_absolute_url()}data.csv" download>CSV download' in ranking
    small = issue_with_outlooks(2 * RANKING_ENDS, prefix="Role", number=50)
    ranking = client.get(small.get_absolute_url()).content.decode()
    assert ranking.count('<th scope="row" data-label="Profession">') == 2 * RANKING_ENDS
    assert "more professions ranked in between" not in ranking


# An issue's two pages list 300 professions at most this many bytes each.
PAGE_SIZE_LIMIT = {"home": 20_000, "issue": 50_000}


def test_a_large_issue_keeps_its_cover_and_contents_small(client):
    issue = issue_with_outlooks(300)
    names = [f"Job {i:03d}" for i in range(300)]
    for page, url in [("home", "/"), ("issue", issue.get_absolute_url())]:
        html = client.get(url).content.decode()
        assert len(html.encode()) < PAGE_SIZE_LIMIT[page], page
        shown = [name for name in names if f"{name} in 2026?" in html or f">{name}<" in html]
        assert 0 < len(shown) < 100, page


def test_a_small_issue_shows_every_profession_on_its_cover_and_contents(client):
    issue = issue_with_outlooks(5)
    for url in ["/", issue.get_absolute_url()]:
        html = client.get(url).content.decode()
        assert html.count('class="toc__item"') == 5
        assert all(f"Will AI Replace Job {i:03d} in 2026?" in html for i in range(5))
        assert 'class="pagination"' not in html


@pytest.mark.parametrize(
    "url",
    [
        "/issues/0/999/",
        "/issues/1/5/",
        "/issues/99999999999/1/",
        "/issues/1/x/",
        "/issues/1/5/data.csv",
        "/2026/%00/",
        "/2026/no-such-job/",
        "/2026/backend-developer/extra/",
        "/nothing-here/",
        "/issues/1/4/data.xml",
    ],
)
def test_unknown_and_malformed_urls_are_404(client, url):
    IssueFactory(volume=1, number=4)
    IssueFactory(volume=1, number=5, status=PublicationStatus.DRAFT)
    response = client.get(url)
    assert response.status_code == 404
    assert "We could not find that page." in response.content.decode()


def test_a_draft_issue_page_is_404(client):
    issue = IssueFactory(status=PublicationStatus.DRAFT)
    assert client.get(issue.get_absolute_url()).status_code == 404


def test_the_500_page_renders_without_a_request():
    html = render_to_string("500.html")
    assert "Something went wrong on our side." in html


def test_a_server_error_shows_the_custom_500_page(client, monkeypatch):
    def broken(self, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(HomeView, "get_context_data", broken)
    client.raise_request_exception = False
    response = client.get("/")
    assert response.status_code == 500
    assert "Something went wrong on our side." in response.content.decode()


def test_other_spellings_of_an_issue_url_redirect_to_the_canonical_one(client):
    IssueFactory(volume=1, number=4)
    response = client.get("/issues/01/004/")
    assert response.status_code == 301
    assert response["Location"] == "/issues/1/4/"


def test_an_outlook_has_one_canonical_url(client):
    outlook = OutlookFactory(profession__slug="nurse")
    html = client.get("/02026/nurse/").content.decode()
    assert '<link rel="canonical" href="http://testserver/2026/nurse/">' in html
    assert outlook.get_absolute_url() == "/2026/nurse/"
