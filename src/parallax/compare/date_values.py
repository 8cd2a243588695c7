"""Stated dates as intervals of days, and when two of them can both be right."""

from __future__ import annotations

import re
from datetime import date, timedelta

_MONTH = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s|$)", re.IGNORECASE
)
_YEAR = re.compile(r"\b\d{4}\b|['’]\d{2}\b")
_DATE_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?$")


def date_interval(value: str | None) -> tuple[date, date] | None:
    """Return the first and last day a TIMEX3 date value covers (day, ISO week, month, year)."""
    match = _DATE_VALUE.match(value or "")
    if not match:
        return None
    year, month, day, week = match.groups()
    try:
        if week:
            first = date.fromisocalendar(int(year), int(week), 1)
            return first, first + timedelta(days=6)
        if day:
            found = date(int(year), int(month), int(day))
            return found, found
        if month:
            first = date(int(year), int(month), 1)
            following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return first, following - timedelta(days=1)
        return date(int(year), 1, 1), date(int(year), 12, 31)
    except ValueError:
        return None


def _overlap(first: tuple[date, date], second: tuple[date, date]) -> bool:
    return first[0] <= second[1] and second[0] <= first[1]


def _year_guessed(text: str) -> bool:
    """Whether a date names a month but no year ("March 2"): its year was guessed."""
    return bool(_MONTH.search(text)) and not _YEAR.search(text)


def dates_compatible(
    text_a: str, interval_a: tuple[date, date], text_b: str, interval_b: tuple[date, date]
) -> bool:
    """Whether two stated dates can be the same time: their intervals overlap (a day lies in
    its month: 2014-12-18 / 2014-12), they are the same words ("Monday" / "Monday", resolved
    against different publication dates), or a date whose year was guessed ("March 2")
    overlaps the other once given the other's year."""
    if _overlap(interval_a, interval_b):
        return True
    if " ".join(text_a.lower().split()) == " ".join(text_b.lower().split()):
        return True
    for (text, (start, end)), (_, other) in (
        ((text_a, interval_a), (text_b, interval_b)),
        ((text_b, interval_b), (text_a, interval_a)),
    ):
        if _year_guessed(text) and start.year == end.year:
            try:
                moved = (start.replace(year=other[0].year), end.replace(year=other[0].year))
            except ValueError:
                continue
            if _overlap(moved, other):
                return True
    return False
