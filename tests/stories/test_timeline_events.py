"""Developments from event clusters: two reports in one cluster are one development."""

from __future__ import annotations

from datetime import date

from parallax.model import Claim
from parallax.stories.timeline import TimelineArticle, build_timeline

FIRST = "Rebels seized the northern garrison overnight."
SECOND = "Insurgent fighters captured a fort close to the frontier."


def _articles() -> list[TimelineArticle]:
    day = date(2024, 5, 2)
    return [
        TimelineArticle("a", "Outlet A", day, (Claim("a", 0, len(FIRST), FIRST, 0.9, "t"),), ()),
        TimelineArticle("b", "Outlet B", day, (Claim("b", 0, len(SECOND), SECOND, 0.9, "t"),), ()),
    ]


def test_reports_in_one_event_cluster_are_one_development() -> None:
    apart = build_timeline(_articles())
    assert len(apart) == 2  # no words in common: two developments by words alone
    clusters = {("a", 0, len(FIRST)): frozenset({"g1"}), ("b", 0, len(SECOND)): frozenset({"g1"})}
    [entry] = build_timeline(_articles(), events=clusters)
    assert {s.outlet for s in entry.sources} == {"Outlet A", "Outlet B"}
