"""The coverage chart of a story: articles per outlet per day, as geometry for an inline SVG.

Only numbers are computed here; the template (``_story.html``) draws them, and escapes every
name it writes (outlet names come from articles). No script, no asset: the chart reads in a
page, in a self-contained report and without JavaScript.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

#: The chart's coordinate system (the SVG scales to the width of its container).
WIDTH = 640
LABEL_WIDTH = 150
ROW_HEIGHT = 26
BAR_HEIGHT = 20
AXIS_HEIGHT = 22
#: Longer stories are drawn by week, so that bars stay wider than a hairline.
MAX_DAY_BARS = 92
#: How many colours the stylesheet defines for series (``series-0`` …).
SERIES = 8
LABEL_CHARS = 22


@dataclass(frozen=True, slots=True)
class Bar:
    """One outlet's articles in one day (or week): position, size and what it stands for."""

    x: float
    y: float
    width: float
    height: float
    count: int
    start: date
    title: str


@dataclass(frozen=True, slots=True)
class Row:
    """One outlet's strip of bars; ``series`` picks its colour, ``label`` is ``outlet`` cut."""

    outlet: str
    label: str
    y: float
    series: int
    total: int
    bars: tuple[Bar, ...]


@dataclass(frozen=True, slots=True)
class Coverage:
    """The whole chart: rows, axis ticks (x, text), the grain and the undated articles."""

    width: int
    height: int
    rows: tuple[Row, ...]
    ticks: tuple[tuple[float, str], ...]
    first: date
    last: date
    days_per_bar: int
    max_count: int
    undated: int

    @property
    def grain(self) -> str:
        """``day`` or ``week``."""
        return "day" if self.days_per_bar == 1 else "week"


def _cut(name: str) -> str:
    return name if len(name) <= LABEL_CHARS else name[: LABEL_CHARS - 1].rstrip() + "…"


def coverage_chart(
    articles: Iterable[tuple[str, date | None]], *, last_row: str | None = None
) -> Coverage | None:
    """Return the chart of ``(outlet, published)`` pairs, or None when no article is dated.

    Rows are outlets, most articles first (the row ``last_row`` names, if any, last); columns
    are days from the first to the last dated
    article (weeks, starting on the first day, when that is more than :data:`MAX_DAY_BARS`).
    """
    pairs = list(articles)
    dated = [(outlet, day) for outlet, day in pairs if day is not None]
    if not dated:
        return None
    first, last = min(day for _, day in dated), max(day for _, day in dated)
    span = (last - first).days + 1
    step = 1 if span <= MAX_DAY_BARS else 7
    slots = (span + step - 1) // step
    counts = Counter((outlet, (day - first).days // step) for outlet, day in dated)
    totals = Counter(outlet for outlet, _ in dated)
    order = sorted(totals, key=lambda outlet: (outlet == last_row, -totals[outlet], outlet))
    top = max(counts.values())
    plot = WIDTH - LABEL_WIDTH
    slot_width = plot / slots
    gap = min(2.0, slot_width / 4)
    rows = []
    for index, outlet in enumerate(order):
        y = index * ROW_HEIGHT
        bars = []
        for slot in range(slots):
            count = counts.get((outlet, slot), 0)
            if not count:
                continue
            height = max(2.0, BAR_HEIGHT * count / top)
            start = first + timedelta(days=slot * step)
            when = start.isoformat() if step == 1 else f"the week from {start.isoformat()}"
            title = f"{outlet}: {count} article{'' if count == 1 else 's'} on {when}"
            if step > 1:
                title = title.replace(" on the week", " in the week")
            bars.append(
                Bar(
                    x=round(LABEL_WIDTH + slot * slot_width + gap / 2, 2),
                    y=round(y + (ROW_HEIGHT - 2) - height, 2),
                    width=round(max(slot_width - gap, 1.0), 2),
                    height=round(height, 2),
                    count=count,
                    start=start,
                    title=title,
                )
            )
        rows.append(Row(outlet, _cut(outlet), y, index % SERIES, totals[outlet], tuple(bars)))
    chart_height = len(rows) * ROW_HEIGHT
    tick_slots = sorted({round(n * (slots - 1) / 3) for n in range(4)})  # at most four dates
    ticks = tuple(
        (
            round(LABEL_WIDTH + (slot + 0.5) * slot_width, 2),
            (first + timedelta(days=slot * step)).isoformat(),
        )
        for slot in tick_slots
    )
    return Coverage(
        width=WIDTH,
        height=chart_height + AXIS_HEIGHT,
        rows=tuple(rows),
        ticks=ticks,
        first=first,
        last=last,
        days_per_bar=step,
        max_count=top,
        undated=len(pairs) - len(dated),
    )
