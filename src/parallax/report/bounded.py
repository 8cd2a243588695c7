"""A story page of bounded size, whatever the story: the outlets a reader scans, the rest one
link away.

A story that 100 outlets tell made a page of 100 columns with every list whole (1.2 MB of HTML
and 80 ms to render for the largest story of the 100k serve corpus; docs/evaluation.md). The
page now shows in detail the ``page_outlets`` outlets that matter most for the story, in this
order (:func:`ranked`): most articles in the story; then most claims that only they report; then
the first to report it (earliest first article; undated last); then by name. Every other outlet
is listed with its counts (up to :data:`LISTED`, the rest on the story's list of outlets), each
linked to its own page of the story, which shows its whole column. Each list on the page shows
its first ``page_list_items`` items and links to the rest. The coverage chart draws the shown
outlets and one row for all the others. The report and the JSON API keep the whole comparison;
only the page is cut. Nothing here builds markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from parallax.report.chart import Coverage, coverage_chart
from parallax.report.glance import GlanceRow, glance_rows

if TYPE_CHECKING:
    from parallax.config import Settings
    from parallax.report.story import OutletColumn, StoryView

#: Other outlets named on a story page, with their counts; the rest are on the story's list
#: of outlets (``/stories/{id}/outlets``), a page at a time.
LISTED = 40


@dataclass(frozen=True, slots=True)
class PageBounds:
    """How much of a story its page shows: outlets in detail, items per list, quotes per
    speaker, and the timeline's entries per part and sources per entry (the outlet's page of
    the story and the story's report have them all)."""

    outlets: int = 8
    items: int = 10
    quotes: int = 3
    timeline: int = 20
    sources: int = 5

    @classmethod
    def of(cls, settings: Settings) -> PageBounds:
        """The bounds the settings ask for (``page_outlets``, ``page_list_items``; each ≥ 1)."""
        return cls(outlets=max(1, settings.page_outlets), items=max(1, settings.page_list_items))


@dataclass(frozen=True, slots=True)
class BoundedPage:
    """What a story page shows: the outlets in detail (their at-a-glance rows, in page order),
    the first :data:`LISTED` others with their counts, how many more there are, and the
    coverage chart with the others in one row."""

    bounds: PageBounds
    shown: tuple[GlanceRow, ...]
    others: tuple[GlanceRow, ...]
    unlisted: int
    coverage: Coverage | None

    @property
    def columns(self) -> tuple[OutletColumn, ...]:
        """The columns shown in detail, in page order."""
        return tuple(row.column for row in self.shown)

    @property
    def hidden(self) -> int:
        """How many outlets are not shown in detail."""
        return len(self.others) + self.unlisted


def _first(column: OutletColumn) -> date:
    dated = [a.published for a in column.articles if a.published is not None]
    return min(dated) if dated else date.max


def _only_here(column: OutletColumn) -> int:
    return sum(1 for _, only in column.reports if only)


def ranked(view: StoryView) -> tuple[OutletColumn, ...]:
    """The story's outlets in page order: most articles, then most claims only they report,
    then the first to report (earliest first article, undated last), then by name."""
    return tuple(
        sorted(
            view.columns,
            key=lambda c: (-len(c.articles), -_only_here(c), _first(c), c.outlet),
        )
    )


def others_label(count: int) -> str:
    """The coverage chart's row of the outlets not shown in detail."""
    return f"{count} other outlet{'' if count == 1 else 's'}"


def bounded_page(view: StoryView, bounds: PageBounds | None = None) -> BoundedPage:
    """Return what the page of ``view`` shows under ``bounds`` (the defaults when None); made
    once per view and bounds (a page asks several times)."""
    found = bounds or PageBounds()
    return view.once(f"bounded-{found}", lambda: _bounded(view, found))


def _bounded(view: StoryView, bounds: PageBounds) -> BoundedPage:
    order = ranked(view)
    shown, rest = order[: bounds.outlets], order[bounds.outlets :]
    listed = rest[:LISTED]
    names = {column.outlet for column in shown}
    rows = glance_rows((*shown, *listed), view.comparison)
    label = others_label(len(rest))
    coverage = coverage_chart(
        (
            ((a.outlet or "unknown") if (a.outlet or "unknown") in names else label, a.published)
            for a in view.articles
        ),
        last_row=label,
    )
    return BoundedPage(
        bounds,
        rows[: len(shown)],
        rows[len(shown) :],
        len(rest) - len(listed),
        coverage,
    )
