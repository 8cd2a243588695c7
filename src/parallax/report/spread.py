"""Who tells a story: its articles split by the outlets' country and by state affiliation.

The part of a coverage bar that can be sourced: each outlet's country and state affiliation
come from the outlet registry, each with its citation. An outlet the registry does not
document counts as "not documented", never as a guess. Each bar is laid out in percent of its
width, for an inline SVG (a page's policy allows no inline style); nothing here builds markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from parallax.report.glance import affiliation
from parallax.report.story import OutletColumn, StoryView

NOT_DOCUMENTED = "not documented"
NOT_AFFILIATED = "no state affiliation documented"
NOT_IN_REGISTRY = "not in the outlet registry"


@dataclass(frozen=True, slots=True)
class Share:
    """One part of a bar: a value, its outlets and articles, and where it sits (percent)."""

    label: str
    outlets: tuple[str, ...]
    articles: int
    x: float
    width: float
    series: int


@dataclass(frozen=True, slots=True)
class SpreadBar:
    """One bar: what it splits by ("country", "state affiliation"), and its parts."""

    by: str
    parts: tuple[Share, ...]
    articles: int


def _country(column: OutletColumn) -> str:
    profile = column.profile
    if profile is None:
        return NOT_IN_REGISTRY
    if profile.country is None:
        return NOT_DOCUMENTED
    return profile.country.value.split(" (", 1)[0].strip() or NOT_DOCUMENTED


def _affiliation(column: OutletColumn) -> str:
    if column.profile is None:
        return NOT_IN_REGISTRY
    badge = affiliation(column.profile)
    return f"state-affiliated: {badge.label}" if badge else NOT_AFFILIATED


def _bar(by: str, values: Iterable[tuple[str, OutletColumn]]) -> SpreadBar:
    counts: dict[str, tuple[list[str], list[int]]] = {}
    for label, column in values:
        outlets, articles = counts.setdefault(label, ([], []))
        outlets.append(column.outlet)
        articles.append(len(column.articles))
    total = sum(sum(articles) for _, articles in counts.values())
    order = sorted(counts, key=lambda label: (-sum(counts[label][1]), label))
    parts, x = [], 0.0
    for series, label in enumerate(order):
        outlets, articles = counts[label]
        count = sum(articles)
        width = 100 * count / total if total else 0.0
        parts.append(Share(label, tuple(outlets), count, round(x, 3), round(width, 3), series))
        x += width
    return SpreadBar(by, tuple(parts), total)


def spread_bars(view: StoryView) -> tuple[SpreadBar, ...]:
    """Return the story's bars by outlet country and by state affiliation.

    A bar is left out when the registry documents nothing it splits by for any of the
    story's outlets (a corpus without profiles gets no bar rather than one grey block).
    """
    columns = [column for column in view.columns if column.articles]
    bars = []
    if any(column.profile is not None and column.profile.country for column in columns):
        bars.append(_bar("country", ((_country(c), c) for c in columns)))
    if any(column.profile is not None for column in columns):
        bars.append(_bar("state affiliation", ((_affiliation(c), c) for c in columns)))
    return tuple(bars)
