"""Charts drawn on the server: the geometry the SVG templates under includes/charts/ draw.

Every chart is plain numbers in a fixed coordinate space (`WIDTH` units wide, scaled to the
page by its viewBox), so pages need no chart library and no JavaScript. Each function reads
values its page already loaded: a chart never adds a query.
"""

from dataclasses import dataclass

from outlook.models import Exposure, Outlook, SkillVerdict, divide_rounding_half_up

WIDTH = 400
# Stacked rows: a line for the row's label, then the bar.
ROW_LABEL_HEIGHT = 22
BAR_HEIGHT = 22
ROW_GAP = 10
# Horizontal bars: a column of short labels (years, ranges) left of the bars, values after.
BAR_LABEL_WIDTH = 64
BAR_VALUE_WIDTH = 40
BAR_ROW_HEIGHT = 26
# The 0–100 scale: room at both ends for the tick labels. Points sit on the axis or, for the
# second of two compared values, in a lane above it, so equal values never hide each other.
SCALE_MARGIN = 16
SCALE_AXIS_Y = 36
SCALE_UPPER_Y = 13
UPPER_LANE_KEYS = {"previous", "right"}

TASK_LEVELS = [(level.value, f"{level.label} exposure") for level in Exposure]
SKILL_VERDICTS = [(verdict.value, str(verdict.label)) for verdict in SkillVerdict]


@dataclass(frozen=True)
class Segment:
    key: str
    label: str
    count: int
    percent: int
    x: float
    width: float


@dataclass(frozen=True)
class StackedRow:
    label: str
    total: int
    segments: list[Segment]
    label_y: float
    y: float


@dataclass(frozen=True)
class StackedChart:
    """Rows of one bar each, split into parts that always come in the same order."""

    rows: list[StackedRow]
    keys: list[tuple[str, str]]
    height: float
    bar_height: int = BAR_HEIGHT

    @property
    def totals(self) -> list[tuple[str, str, int]]:
        """Return (key, label, count summed over the rows), for the legend."""
        return [
            (key, label, sum(s.count for row in self.rows for s in row.segments if s.key == key))
            for key, label in self.keys
        ]


def stacked_rows(rows: list[tuple[str, dict[str, int]]], keys: list[tuple[str, str]]):
    """Lay out one full-width bar per (label, counts) row, split by `keys` in order.

    An empty row (no counts) has no segments; its label still shows.
    """
    laid_out, y = [], 0.0
    for label, counts in rows:
        total = sum(counts.get(key, 0) for key, _label in keys)
        segments, x = [], 0.0
        for key, key_label in keys:
            count = counts.get(key, 0)
            if not count:
                continue
            width = WIDTH * count / total
            percent = divide_rounding_half_up(100 * count, total)
            segments.append(Segment(key, key_label, count, percent, round(x, 2), round(width, 2)))
            x += width
        label_y = y + ROW_LABEL_HEIGHT - 5 if label else y
        bar_y = y + (ROW_LABEL_HEIGHT if label else 0)
        laid_out.append(StackedRow(label, total, segments, label_y, bar_y))
        y = bar_y + BAR_HEIGHT + ROW_GAP
    return StackedChart(rows=laid_out, keys=keys, height=max(y - ROW_GAP, 1))


def task_mix(rows: list[tuple[str, Outlook]]) -> StackedChart:
    """Return each (label, outlook)'s tasks by exposure level, one bar per outlook."""
    return stacked_rows([(label, outlook.exposure_counts) for label, outlook in rows], TASK_LEVELS)


def verdict_split(rows: list[tuple[str, int, int]]) -> StackedChart:
    """Return (label, vulnerable, resilient) rows as bars of a skill's two verdicts."""
    return stacked_rows(
        [
            (label, {SkillVerdict.VULNERABLE: vulnerable, SkillVerdict.RESILIENT: resilient})
            for label, vulnerable, resilient in rows
        ],
        SKILL_VERDICTS,
    )


@dataclass(frozen=True)
class Marker:
    key: str
    label: str
    value: int
    x: float
    y: float = SCALE_AXIS_Y


@dataclass(frozen=True)
class Scale:
    """Points on one 0–100 axis: an outlook's index, the issue median, last year's value."""

    markers: list[Marker]
    ticks: list[tuple[int, float]]
    start: float = SCALE_MARGIN
    end: float = WIDTH - SCALE_MARGIN
    axis_y: float = SCALE_AXIS_Y


def scale_x(value: float) -> float:
    return round(SCALE_MARGIN + (WIDTH - 2 * SCALE_MARGIN) * value / 100, 2)


def index_scale(points: list[tuple[str, str, int | None]]) -> Scale:
    """Place (key, label, value) points on the 0–100 index scale; None values are left out."""
    return Scale(
        markers=[
            Marker(
                key,
                label,
                value,
                scale_x(value),
                SCALE_UPPER_Y if key in UPPER_LANE_KEYS else SCALE_AXIS_Y,
            )
            for key, label, value in points
            if value is not None
        ],
        ticks=[(tick, scale_x(tick)) for tick in (0, 25, 50, 75, 100)],
    )


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None
    text: str
    y: float
    width: float

    @property
    def value_x(self) -> float:
        return BAR_LABEL_WIDTH + self.width + 6


@dataclass(frozen=True)
class BarChart:
    """Horizontal bars, one per row, longest for the largest value."""

    bars: list[Bar]
    height: float
    label_width: int = BAR_LABEL_WIDTH
    row_height: int = BAR_ROW_HEIGHT

    @property
    def bar_height(self) -> int:
        return self.row_height - 8

    @property
    def start(self) -> int:
        return self.label_width


def bar_chart(rows: list[tuple[str, int | None, str]], *, maximum: int) -> BarChart:
    """Lay out (label, value, value as text) rows against `maximum`; None draws no bar."""
    span = WIDTH - BAR_LABEL_WIDTH - BAR_VALUE_WIDTH
    bars = [
        Bar(
            label=label,
            value=value,
            text=text,
            y=position * BAR_ROW_HEIGHT,
            width=round(span * (value or 0) / maximum, 2) if maximum else 0,
        )
        for position, (label, value, text) in enumerate(rows)
    ]
    return BarChart(bars=bars, height=max(len(bars) * BAR_ROW_HEIGHT, 1))


def index_by_year(trend: list[dict]) -> BarChart:
    """Return a profession's index year by year (rows of exposure_trend), on the 0–100 scale."""
    return bar_chart(
        [
            (
                str(row["outlook"].year),
                row["index"],
                "n/a" if row["index"] is None else str(row["index"]),
            )
            for row in trend
        ],
        maximum=100,
    )


# An issue's indexes fall in ten bands (the last, 90–100, one wider): small at any size.
BAND = 10


def index_bands(counts_by_index: dict[int, int]) -> list[tuple[str, int]]:
    """Return ("0–9", outlooks) … ("90–100", outlooks), from {index: outlooks with it}."""
    bands = [0] * (100 // BAND)
    for index, count in counts_by_index.items():
        bands[min(index // BAND, len(bands) - 1)] += count
    labels = [f"{start}–{start + BAND - 1}" for start in range(0, 100, BAND)]
    labels[-1] = f"{100 - BAND}–100"
    return list(zip(labels, bands, strict=True))


def index_distribution(counts_by_index: dict[int, int]) -> BarChart:
    """Return how many of an issue's outlooks fall in each band of the index, highest first."""
    bands = list(reversed(index_bands(counts_by_index)))
    return bar_chart(
        [(label, count, str(count)) for label, count in bands],
        maximum=max((count for _label, count in bands), default=0),
    )
