"""The benchmark's and the load test's own logic: reading wrk, judging targets and results."""

from tests.benchmarks.bench import WrkResult, median_round, parse_wrk, verdict
from tests.benchmarks.load import LOCKED, Tally, check

WRK_OUTPUT = """Running 10s test @ http://127.0.0.1:8008/healthz
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     6.07ms    7.38ms  95.36ms   89.12%
    Req/Sec     1.43k   188.83     1.89k    71.50%
  Latency Distribution
     50%    5.34ms
     75%    7.12ms
     90%   12.01ms
     99%    1.20s
  28543 requests in 10.01s, 8.11MB read
  Socket errors: connect 0, read 2, write 0, timeout 1
  Non-2xx or 3xx responses: 4
Requests/sec:   2851.62
Transfer/sec:    829.60KB
"""


def test_wrk_output_is_read_with_units_and_errors():
    result = parse_wrk(WRK_OUTPUT)
    assert result.rps == 2851.62
    assert result.p50_ms == 5.34
    assert result.p99_ms == 1200
    assert result.errors == 4 + 2 + 1


def test_targets_are_floors_for_throughput_and_ceilings_for_cost():
    assert verdict("cached outlook page", 0.70) and not verdict("cached outlook page", 0.69)
    assert verdict("uncached outlook page", 0.3) and not verdict("uncached outlook page", 0.2)
    assert verdict("signup changelist, 100 000 vs 100 rows", 1.5)
    assert not verdict("signup changelist, 100 000 vs 100 rows", 1.6)
    assert not verdict("CSV export memory, 100 000 vs 1 000 rows", 1.3)


def test_the_median_round_is_chosen_by_its_ratio_not_its_raw_rate():
    def run(rps):
        return WrkResult(rps=rps, p50_ms=1, p99_ms=2, errors=0)

    # A busy machine slows both runs of a round; the ratios are 0.5, 0.2 and 0.3.
    rounds = [(run(1000), run(500)), (run(3000), run(600)), (run(2000), run(600))]
    ceiling, page = median_round(rounds)
    assert (ceiling.rps, page.rps) == (2000, 600)


def tally(statuses: dict, accepted: set) -> Tally:
    result = Tally()
    for status, count in statuses.items():
        for _ in range(count):
            result.record(status)
    result.accepted |= accepted
    return result


def test_a_clean_run_passes():
    accepted = {("a@example.com", "nurse"), ("b@example.com", "nurse")}
    report = check(tally({200: 10, 302: 2}, accepted), sorted(accepted), server_log="")
    assert report.ok
    assert (report.requests, report.accepted, report.rows) == (12, 2, 2)


def test_lost_duplicated_and_unannounced_signups_fail_the_run():
    accepted = {("a@example.com", "nurse"), ("b@example.com", "nurse")}
    rows = [("a@example.com", "nurse"), ("a@example.com", "nurse"), ("c@example.com", "cook")]
    report = check(tally({302: 2}, accepted), rows, server_log="")
    assert (report.lost, report.duplicates, report.unexpected) == (1, 1, 1)
    assert not report.ok


def test_server_errors_client_failures_and_locked_databases_fail_the_run():
    assert not check(tally({200: 5, 502: 1}, set()), [], server_log="").ok
    failing = tally({200: 5}, set())
    failing.fail(TimeoutError())
    assert not check(failing, [], server_log="").ok
    report = check(tally({200: 5}, set()), [], server_log=f"x {LOCKED} y\n{LOCKED}")
    assert report.locked == 2 and not report.ok


def test_confirmations_the_worker_never_sent_fail_the_run():
    accepted = {("a@example.com", "nurse")}
    report = check(tally({302: 1}, accepted), sorted(accepted), "", unsent_confirmations=1)
    assert report.unsent_confirmations == 1 and not report.ok


def test_the_benchmarks_bare_view_passes_no_middleware(settings, db):
    # db: Django's request signals look at the connection a test before may have opened.
    from django.test import RequestFactory

    from tests.benchmarks.bench_wsgi import BARE_PATH, bare

    settings.ALLOWED_HOSTS = ["testserver"]
    environ = RequestFactory().get(BARE_PATH).environ
    started = {}
    result = bare(environ, lambda status, headers: started.update(status=status, headers=headers))
    try:
        body = b"".join(result)
    finally:
        # As a WSGI server does: closing ends the request (and its URLconf) as Django expects.
        result.close()
    names = {name.lower() for name, _value in started["headers"]}
    assert (started["status"], body) == ("200 OK", b"ok")
    # The site's middleware would have added these.
    assert not names & {"x-request-id", "content-security-policy", "x-frame-options"}


def test_djangos_cache_middleware_takes_the_page_caches_place():
    from tests.benchmarks.django_cache_settings import MIDDLEWARE

    assert "outlook.web.middleware.PublicPageCacheMiddleware" not in MIDDLEWARE
    assert MIDDLEWARE[-1] == "django.middleware.cache.FetchFromCacheMiddleware"
    assert MIDDLEWARE.index("django.middleware.cache.UpdateCacheMiddleware") < MIDDLEWARE.index(
        "django.contrib.sessions.middleware.SessionMiddleware"
    )


def test_the_miss_benchmark_reports_the_round_with_the_median_speed_up():
    from tests.benchmarks.page_rates import Crawl, median_pair

    def crawl(seconds):
        return Crawl(pages=100, seconds=seconds, errors=0)

    # A busy round slows both crawls; the speed-ups are 2, 1.5 and 3.
    rounds = [(crawl(4), crawl(2)), (crawl(9), crawl(6)), (crawl(3), crawl(1))]
    assert median_pair(rounds) == rounds[0]
