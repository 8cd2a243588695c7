"""A story at a glance: one row per outlet with its counts and headlines, and the badge an
outlet with a documented state affiliation or official designation wears on every list.

The counts come from the story's comparison, in the units its columns list them: ``claims``,
``shared`` and ``only_here`` count the outlet's claim spans (shared: the claim's group is also
reported by another outlet; only here: no other outlet reports it), ``omits`` the claim groups
others reported that it left out, ``contradictions`` the story's contradictions (each listed
once) that it is a side of. Nothing here builds markup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from parallax.comparison import StoryComparison
from parallax.model import Designation, Outlet
from parallax.report.story import OutletColumn, StoryView


@dataclass(frozen=True, slots=True)
class Affiliation:
    """What an outlet's badge says: a short label, its source, and the designations behind it.

    ``label`` is the registry's state affiliation up to its first colon ("state-owned",
    "intelligence-linked according to the U.S. government"), else "officially designated".
    """

    label: str
    source: str
    designations: tuple[Designation, ...]


def affiliation(profile: Outlet | None) -> Affiliation | None:
    """Return the badge of an outlet with a documented state affiliation or designation."""
    if profile is None or not (profile.state_affiliation or profile.designations):
        return None
    designations = tuple(sorted(profile.designations, key=lambda d: d.date, reverse=True))
    if profile.state_affiliation is not None:
        fact = profile.state_affiliation
        return Affiliation(fact.value.split(":", 1)[0].strip(), fact.source, designations)
    return Affiliation("officially designated", designations[0].citation, designations)


@dataclass(frozen=True, slots=True)
class GlanceRow:
    """One outlet's row of the at-a-glance table (counts are None without a comparison)."""

    column: OutletColumn
    badge: Affiliation | None
    claims: int | None
    shared: int | None
    only_here: int | None
    omits: int | None
    contradictions: int | None


Spans = dict[tuple[str, int, int], tuple[str, ...]]


def _group_outlets(comparison: StoryComparison) -> Spans:
    """The outlets of each claim's group, by the claim's span."""
    return {
        (claim.article_id, claim.start, claim.end): group.outlets
        for group in comparison.groups
        for claim in group.claims
    }


def glance_row(
    column: OutletColumn, comparison: StoryComparison | None, *, spans: Spans | None = None
) -> GlanceRow:
    """Return one outlet's row, its counts read off the comparison (``spans``: its claims'
    group outlets, :func:`glance_rows` reads them once for every row)."""
    badge = affiliation(column.profile)
    found = column.comparison
    if comparison is None or found is None:
        return GlanceRow(column, badge, None, None, None, None, None)
    outlets = spans if spans is not None else _group_outlets(comparison)
    spread = [outlets.get((c.article_id, c.start, c.end), ()) for c in found.claims]
    return GlanceRow(
        column,
        badge,
        claims=len(found.claims),
        shared=sum(any(o != column.outlet for o in names) for names in spread),
        only_here=sum(names == (column.outlet,) for names in spread),
        omits=len(column.omits),
        contradictions=len(found.contradictions),
    )


def glance_rows(
    columns: Iterable[OutletColumn], comparison: StoryComparison | None
) -> tuple[GlanceRow, ...]:
    """Return the at-a-glance rows of ``columns``, in their order."""
    spans = _group_outlets(comparison) if comparison is not None else None
    return tuple(glance_row(column, comparison, spans=spans) for column in columns)


def glance(view: StoryView) -> tuple[GlanceRow, ...]:
    """Return the at-a-glance rows of a story, one per outlet in the columns' order."""
    return glance_rows(view.columns, view.comparison)
