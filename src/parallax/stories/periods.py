"""Periods named by anchored TIMEX3 values: their grain, first day and last day (for ordering
and for telling whether a period holds a day)."""

from __future__ import annotations

import re
from datetime import date, timedelta

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WEEK = re.compile(r"^\d{4}-W\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_QUARTER = re.compile(r"^\d{4}-Q[1-4]$")
_SEASON = re.compile(r"^\d{4}-(?:SP|SU|FA|WI)$")
_HALF = re.compile(r"^\d{4}-H[12]$")
_YEAR = re.compile(r"^\d{4}$")
#: The months a season spans, as (first month, months): meteorological seasons; the winter of
#: a year is the one whose January and February are in it (from the December before).
_SEASON_MONTHS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (0, 3)}
#: Grains of anchored values, finest first.
GRAINS = ("day", "week", "month", "quarter", "season", "half", "year")


def precision_of(value: str | None) -> str | None:
    """Return the grain of an anchored TIMEX3 value, or None for anything unanchored."""
    if not value:
        return None
    patterns = (
        (_DAY, "day"),
        (_WEEK, "week"),
        (_MONTH, "month"),
        (_QUARTER, "quarter"),
        (_SEASON, "season"),
        (_HALF, "half"),
        (_YEAR, "year"),
    )
    for pattern, grain in patterns:
        if pattern.match(value):
            return grain
    return None


def _months(value: str) -> tuple[int, int, int]:
    """The year, first month (0: the December before) and length in months of a quarter,
    season or half-year value ("2009-Q3": 2009, 7, 3; "2009-SU": 2009, 6, 3)."""
    year, part = int(value[:4]), value[5:]
    if part[0] == "Q":
        return year, 3 * int(part[1]) - 2, 3
    if part[0] == "H":
        return year, 6 * int(part[1]) - 5, 6
    first, length = _SEASON_MONTHS[part]
    return year, first, length


def period_start(value: str) -> date:
    """Return the first day of the period an anchored TIMEX3 value names (for ordering)."""
    if _WEEK.match(value):
        return date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
    if precision_of(value) in {"quarter", "season", "half"}:
        year, month, _ = _months(value)
        return date(year - (month == 0), month or 12, 1)
    parts = [int(part) for part in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def _month_end(year: int, month: int) -> date:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return following - timedelta(days=1)


def period_end(value: str) -> date:
    """Return the last day of the period an anchored TIMEX3 value names."""
    start = period_start(value)
    grain = precision_of(value)
    if grain == "week":
        return start + timedelta(days=6)
    if grain == "month":
        return _month_end(start.year, start.month)
    if grain in {"quarter", "season", "half"}:
        year, month, length = _months(value)
        return _month_end(year, month + length - 1)
    if grain == "year":
        return date(start.year, 12, 31)
    return start
