"""Chart geometry (outlook/reading/charts.py) and the charts on the public pages."""

import pytest
from django.urls import reverse

from outlook.models import Exposure, SkillVerdict
from outlook.reading import charts
from tests.factories import (
    IssueFactory,
    OutlookFactory,
    SkillAssessmentFactory,
    SkillFactory,
    TaskAssessmentFactory,
)


def test_a_stacked_bar_fills_the_width_in_order_and_rounds_percentages():
    chart = charts.stacked_rows([("", {"high": 1, "medium": 1, "low": 1})], charts.TASK_LEVELS)
    (row,) = chart.rows
    assert [s.key for s in row.segments] == ["high", "medium", "low"]
    assert [s.percent for s in row.segments] == [33, 33, 33]
    assert row.segments[0].x == 0
    end = row.segments[-1].x + row.segments[-1].width
    assert end == pytest.approx(charts.WIDTH)
    assert [s.x for s in row.segments] == sorted(s.x for s in row.segments)


def test_a_stacked_bar_leaves_out_empty_parts_and_keeps_empty_rows():
    chart = charts.stacked_rows([("A", {"high": 3}), ("B", {})], charts.TASK_LEVELS)
    assert [(s.key, s.width, s.percent) for s in chart.rows[0].segments] == [
        ("high", charts.WIDTH, 100)
    ]
    assert chart.rows[1].segments == [] and chart.rows[1].label == "B"
    assert chart.rows[1].y > chart.rows[0].y
    assert chart.totals == [
        ("high", "High exposure", 3),
        ("medium", "Medium exposure", 0),
        ("low", "Low exposure", 0),
    ]


def test_the_index_scale_places_points_on_0_to_100_and_skips_missing_ones():
    scale = charts.index_scale([("current", "Now", 0), ("median", "Median", 100), ("x", "", None)])
    assert [m.key for m in scale.markers] == ["current", "median"]
    assert scale.markers[0].x == scale.start and scale.markers[1].x == scale.end
    assert [tick for tick, _x in scale.ticks] == [0, 25, 50, 75, 100]


def test_index_bands_bin_2000_outlooks_into_ten_rows():
    counts = dict.fromkeys(range(101), 20)
    bands = charts.index_bands(counts)
    assert len(bands) == 10
    assert bands[0] == ("0–9", 200) and bands[-1] == ("90–100", 220)
    assert sum(count for _label, count in bands) == 2020
    chart = charts.index_distribution(counts)
    assert [bar.label for bar in chart.bars][:2] == ["90–100", "80–89"]
    assert max(bar.width for bar in chart.bars) == charts.WIDTH - 64 - 40


def test_bars_for_years_without_an_index_draw_nothing_and_say_so():
    chart = charts.bar_chart([("2025", None, "n/a"), ("2026", 50, "50")], maximum=100)
    assert [bar.width for bar in chart.bars] == [0, (charts.WIDTH - 104) / 2]
    assert chart.bars[0].text == "n/a"


def side_by_side_url(issue, left, right) -> str:
    kwargs = {"volume": issue.volume, "number": issue.number}
    return reverse(
        "outlook:side_by_side",
        kwargs=kwargs | {"left": left.profession.slug, "right": right.profession.slug},
    )


def svg_charts(html: str) -> list[str]:
    return [part.split("</svg>")[0] for part in html.split('<svg class="chart__svg"')[1:]]


@pytest.mark.django_db
def test_every_chart_has_a_title_a_description_and_no_inline_style(client):
    issue = IssueFactory()
    left, right = OutlookFactory(issue=issue), OutlookFactory(issue=issue)
    skill = SkillFactory()
    for outlook, level in ((left, Exposure.HIGH), (right, Exposure.LOW)):
        TaskAssessmentFactory(outlook=outlook, exposure=level)
        SkillAssessmentFactory(outlook=outlook, skill=skill, verdict=SkillVerdict.RESILIENT)
    pages = [
        left.get_absolute_url(),
        issue.get_absolute_url(),
        left.profession.get_absolute_url(),
        skill.get_absolute_url(),
        side_by_side_url(issue, left, right),
    ]
    for url in pages:
        html = client.get(url).content.decode()
        found = svg_charts(html)
        assert found, url
        for svg in found:
            assert 'role="img"' in svg and "<title id=" in svg and "<desc id=" in svg, url
        assert "style=" not in html and "<style" not in html, url


@pytest.mark.django_db
def test_the_side_by_side_page_draws_both_task_mixes_and_indexes(client):
    issue = IssueFactory()
    left, right = OutlookFactory(issue=issue), OutlookFactory(issue=issue)
    for level in (Exposure.HIGH, Exposure.HIGH, Exposure.LOW):
        TaskAssessmentFactory(outlook=left, exposure=level)
    TaskAssessmentFactory(outlook=right, exposure=Exposure.MEDIUM)
    html = client.get(side_by_side_url(issue, left, right)).content.decode()
    assert (
        f"<strong>{left.profession.name}:</strong> High exposure 2 tasks (67%) · "
        "Low exposure 1 task (33%)" in html
    )
    assert f"<strong>{right.profession.name}:</strong> Medium exposure 1 task (100%)" in html
    assert f"{left.profession.name}: <strong>67</strong>" in html
    assert f"{right.profession.name}: <strong>50</strong>" in html
