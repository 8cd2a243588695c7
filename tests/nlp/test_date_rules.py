"""Time expressions: normalisation rules (no model) and the seed articles."""

from __future__ import annotations

from datetime import date

import pytest

from parallax.nlp.pipeline import ArticleAnalysis
from parallax.nlp.timex import normalize

FRIDAY = date(2025, 7, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thursday", ("DATE", "2025-07-03")),
        ("on Saturday", ("DATE", "2025-07-05")),  # one day after publication
        ("Sunday", ("DATE", "2025-06-29")),
        ("last Friday", ("DATE", "2025-06-27")),
        ("next Tuesday", ("DATE", "2025-07-08")),
        ("In March", ("DATE", "2025-03")),
        ("September", ("DATE", "2024-09")),
        ("March 2024", ("DATE", "2024-03")),
        ("July 3", ("DATE", "2025-07-03")),
        ("September 05 , 2007", ("DATE", "2007-09-05")),
        ("this week", ("DATE", "2025-W27")),
        ("last week", ("DATE", "2025-W26")),
        ("the weekend", ("DATE", "2025-W27-WE")),
        ("this month", ("DATE", "2025-07")),
        ("last year", ("DATE", "2024")),
        ("earlier this year", ("DATE", "2025")),
        ("2024", ("DATE", "2024")),
        ("the 1990s", ("DATE", "199")),
        ("the third quarter", ("DATE", "2025-Q3")),
        ("first quarter of 2008", ("DATE", "2008-Q1")),
        ("this summer", ("DATE", "2025-SU")),
        ("today", ("DATE", "2025-07-04")),
        ("overnight", ("DATE", "2025-07-04")),
        ("yesterday", ("DATE", "2025-07-03")),
        ("two weeks ago", ("DATE", "2025-06-20")),
        ("three years ago", ("DATE", "2022")),
        ("recently", ("DATE", "PAST_REF")),
        ("now", ("DATE", "PRESENT_REF")),
        ("the coming months", ("DATE", "FUTURE_REF")),
        ("for months", ("DURATION", "PXM")),
        ("months", ("DURATION", "PXM")),
        ("several years", ("DURATION", "PXY")),
        ("three years", ("DURATION", "P3Y")),
        ("30-day", ("DURATION", "P30D")),
        ("four hours", ("DURATION", "PT4H")),
        ("the past decade", ("DURATION", "P10Y")),
        ("more than a week", ("DURATION", "P1W")),
        ("from 2009 to 2011", ("DURATION", "P2Y")),
        ("every week", ("SET", "P1W")),
        ("every Monday", ("SET", "XXXX-WXX-1")),
        ("annual", ("SET", "P1Y")),
        ("15 a year", ("SET", "P1Y")),
        ("this morning", ("TIME", "2025-07-04TMO")),
        ("Monday night", ("TIME", "2025-06-30TNI")),
        ("14:58 UTC", ("TIME", "2025-07-04T14:58Z")),
        ("10 a.m.", ("TIME", "2025-07-04T10:00")),
    ],
)
def test_normalize(text: str, expected: tuple[str, str]) -> None:
    assert normalize(text, FRIDAY) == expected


def test_tense_picks_past_or_future() -> None:
    assert normalize("March", FRIDAY, tense="future") == ("DATE", "2026-03")
    assert normalize("Saturday", FRIDAY, tense="past") == ("DATE", "2025-06-28")
    assert normalize("Friday", FRIDAY, tense="future") == ("DATE", "2025-07-11")


def test_preposition_makes_a_duration() -> None:
    assert normalize("the last year or so", FRIDAY, preposition="for") == ("DURATION", "P1Y")
    assert normalize("the last year", FRIDAY) == ("DATE", "2024")


def test_without_a_publication_date_only_absolute_values() -> None:
    assert normalize("Thursday", None) == ("DATE", None)
    assert normalize("March 2024", None) == ("DATE", "2024-03")
    assert normalize("three years", None) == ("DURATION", "P3Y")


def test_seed_dates(analyses: dict[str, ArticleAnalysis]) -> None:
    values = {(d.text, d.type, d.value) for d in analyses["000"].dates}
    assert ("Thursday", "DATE", "2025-07-03") in values
    assert ("March", "DATE", "2025-03") in values  # "In March"
    assert ("this week", "DATE", "2025-W27") in values
    assert ("months", "DURATION", "PXM") in values  # "for months"
    assert ("overnight", "DATE", "2025-07-04") in values
    assert ("30-day", "DURATION", "P30D") in values
    extractors = {d.extractor for a in analyses.values() for d in a.dates}
    assert extractors == {"parallax.dates.rules.v1"}
