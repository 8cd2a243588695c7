"""Time expressions: normalisation rules (no model) and the seed articles."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.language import Language

from parallax.model import ArticleAnalysis
from parallax.nlp.pipeline import analyze_text
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
    assert normalize("last year", FRIDAY) == ("DATE", "2024")
    # TimeML: "the past year" is the twelve months before, a period; "last year" a date.
    assert normalize("the past year", FRIDAY) == ("DURATION", "P1Y")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("third-quarter", ("DATE", "2025-Q3")),
        ("the first quarter of next year", ("DATE", "2026-Q1")),
        ("2024's fourth quarter", ("DATE", "2024-Q4")),
        ("the first half", ("DATE", "2025-H1")),
        ("the second half of 2024", ("DATE", "2024-H2")),
        ("fiscal 2024", ("DATE", "FY2024")),
        ("the 2024 fiscal year", ("DATE", "FY2024")),
        ("the day before", ("DATE", "2025-07-03")),
        ("the prior year", ("DATE", "2024")),
        ("earlier in the day", ("DATE", "2025-07-04")),
        ("so far this year", ("DATE", "2025")),
        ("this decade", ("DATE", "202")),
        ("midnight", ("TIME", "2025-07-04T24:00")),
        ("almost two and a half years", ("DURATION", "P2.5Y")),
    ],
)
def test_timex3_conventions(text: str, expected: tuple[str, str]) -> None:
    assert normalize(text, FRIDAY, tense="past") == expected


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # A range is a duration and two dates, as TimeML annotates it.
        ("Deliveries run from 2009 to 2011.", ["from 2009 to 2011", "2009", "2011"]),
        ("Papermaster, 49, left Apple.", []),  # an age, not a year
        ("It ships on June 17, two days before launch.", ["June 17", "two days"]),
        ("The update, iPod Software 1.1.1, works with the Nano.", []),  # a version
    ],
)
def test_date_spans(nlp: Language, text: str, found: list[str]) -> None:
    dates = analyze_text("t", text, FRIDAY, nlp=nlp).dates
    assert [d.text for d in dates] == found


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
    assert extractors == {"parallax.dates.rules.v12"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("16:08 UTC", ("TIME", "2025-07-04T16:08Z")),
        ("0800 UTC", ("TIME", "2025-07-04T08:00Z")),  # a 24-hour clock without a colon
        ("six straight days", ("DURATION", "P6D")),
        ("the past five trading days", ("DURATION", "P5D")),
        ("sixteen-month", ("DURATION", "P16M")),
        ("single-day", ("DURATION", "P1D")),
        ("the final quarter of 2009", ("DATE", "2009-Q4")),
        ("October of next year", ("DATE", "2026-10")),
        ("the 70s", ("DATE", "197")),
        ("recent", ("DATE", "PAST_REF")),
        ("current", ("DATE", "PRESENT_REF")),
        ("the time being", ("DATE", "PRESENT_REF")),
        ("the near term", ("DATE", "FUTURE_REF")),
        ("the long term", ("DATE", "FUTURE_REF")),
        ("later", ("DATE", "FUTURE_REF")),
    ],
)
def test_meantime_conventions(text: str, expected: tuple[str, str]) -> None:
    assert normalize(text, FRIDAY) == expected


def test_a_modal_or_an_infinitive_looks_ahead_for_a_month_not_a_weekday() -> None:
    assert normalize("October", FRIDAY, tense="prospective") == ("DATE", "2025-10")
    assert normalize("Thursday", FRIDAY, tense="prospective") == ("DATE", "2025-07-03")


# Sentences from Wikinews articles (CC BY 2.5), as MEANTIME reprints them.
@pytest.mark.parametrize(
    ("text", "published", "found"),
    [
        (
            "The Dow Jones was down 2.62% at 16:08 UTC, a slight increase from earlier today.",
            date(2008, 9, 17),
            [("16:08 UTC", "2008-09-17T16:08Z"), ("earlier today", "2008-09-17")],
        ),
        (
            "At 0800 UTC, the Bank of Canada, the Bank of England, the European Central Bank "
            "(ECB), the United States Federal Reserve, the Bank of Japan, and the Swiss National "
            "Bank jointly announced that they would be working together to provide reciprocal "
            "credit arrangements to institutions facing a financial crush from the U.S. dollar.",
            date(2008, 9, 18),
            [("0800 UTC", "2008-09-18T08:00Z")],
        ),
        (  # two months joined by "and" are two dates, as MEANTIME annotates them
            "The Japanese economy contracted by 0.9% between April and June and a further 0.1% "
            "since September.",
            date(2008, 11, 18),
            [("April", "2008-04"), ("June", "2008-06"), ("September", "2008-09")],
        ),
        (
            "The Taurus was part of a design revolution that completely rid Detroit of the "
            "``boxy'' cars of the 70s and 80s.",
            date(2007, 2, 9),
            [("the 70s", "197"), ("80s", "198")],
        ),
        (  # a modal looks ahead
            "The transaction should be completed in October.",
            date(2009, 6, 5),
            [("October", "2009-10")],
        ),
        (  # "the day" is the day named before it
            "Three major United States stock market indexes closed at their lowest levels in over "
            "a decade on Monday, amidst declining investor confidence and worries that the "
            "government will nationalize the banks.\nThe Dow Jones Industrial Average fell by "
            "3.41%, or 251.4 points, to end the day at 7,114.3, its lowest level since October "
            "1997.",
            date(2009, 2, 24),
            [
                ("over a decade", "P10Y"),
                ("Monday", "2009-02-23"),
                ("the day", "2009-02-23"),
                ("October 1997", "1997-10"),
            ],
        ),
        (
            "The automobile manufacturers have been hard hit in the recent economic downturn and "
            "have been forced to seek federal aid from the U.S. government.",
            date(2009, 2, 3),
            [("recent", "PAST_REF")],
        ),
        (
            "Addressing a conference in Wyoming, the bank chief said that ``the prospects for a "
            "return to growth in the near term appear good.''",
            date(2009, 8, 21),
            [("the near term", "FUTURE_REF")],
        ),
    ],
)
def test_meantime_sentences(
    nlp: Language, text: str, published: date, found: list[tuple[str, str]]
) -> None:
    dates = analyze_text("t", text, published, nlp=nlp).dates
    assert [(d.text, d.value) for d in dates] == found


def test_week_of_a_month_is_the_iso_week_of_its_thursday() -> None:
    # 31 March 2009 is a Tuesday: March's last Thursday, the 26th, is in week 13.
    assert normalize("the last week of March", date(2009, 4, 1), tense="past") == (
        "DATE",
        "2009-W13",
    )
    assert normalize("the first week of May 2010", date(2009, 4, 1)) == ("DATE", "2010-W18")


def test_the_year_previous_is_anchored_on_the_last_year_named(nlp: Language) -> None:
    text = (
        "Ford cut its costs to $118.3 billion last year, $19.8 billion less than the year previous."
    )
    found = analyze_text("t", text, date(2010, 1, 28), nlp=nlp).dates
    values = {d.text.removeprefix("less than "): d.value for d in found}  # spaCy's extent
    assert values["last year"] == "2009"
    assert values["the year previous"] == "2008"
    text = (
        "GM lost $4.8 billion in the fourth quarter of 2005 and $8.6 billion for the entire year."
    )
    found = analyze_text("t", text, date(2006, 1, 27), nlp=nlp).dates
    assert {d.text: d.value for d in found}["the entire year"] == "2005"


def test_a_bare_clock_time_takes_the_day_its_sentence_names(nlp: Language) -> None:
    text = "The 787 made its first test flight Tuesday in Everett, Washington at 18:00 UTC."
    values = {d.text: d.value for d in analyze_text("t", text, date(2009, 12, 16), nlp=nlp).dates}
    assert values["Tuesday"] == "2009-12-15"
    assert values["18:00 UTC"] == "2009-12-15T18:00Z"
    alone = analyze_text("t", "The plane landed at 18:00 UTC.", date(2009, 12, 16), nlp=nlp)
    assert [d.value for d in alone.dates] == ["2009-12-16T18:00Z"]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        (
            "Sales fell as much as 35% in January, compared to the same month a year ago.",
            date(2009, 2, 3),
            "2008-01",
        ),
        (
            "Ford sales rose 43% in February compared to the same period last year.",
            date(2010, 3, 3),
            "2009-02",
        ),
    ],
)
def test_the_same_period_a_year_back_is_the_last_period_named(
    nlp: Language, text: str, published: date, expected: str
) -> None:
    values = [d.value for d in analyze_text("t", text, published, nlp=nlp).dates]
    assert values[-1] == expected


def test_an_aim_under_a_present_verb_looks_ahead(nlp: Language) -> None:
    text = "Chrysler has said that it wants to eliminate 789 of its 3,200 dealers by early June."
    dates = analyze_text("t", text, date(2009, 5, 14), nlp=nlp).dates
    assert [(d.text, d.value) for d in dates] == [("early June", "2009-06")]


def test_for_last_year_is_the_year_not_a_year_long() -> None:
    published = date(2006, 1, 27)
    assert normalize("last year", published, preposition="for") == ("DATE", "2005")
    assert normalize("the last year", published, preposition="for") == ("DURATION", "P1Y")
    assert normalize("for the past year", published) == ("DURATION", "P1Y")


def test_a_range_of_counts_is_two_durations(nlp: Language) -> None:
    text = "He said the bankruptcy process would take between 60 and 90 days."
    dates = analyze_text("t", text, date(2009, 6, 4), nlp=nlp).dates
    assert [(d.text, d.type, d.value) for d in dates] == [
        ("60", "DURATION", "P60D"),
        ("90 days", "DURATION", "P90D"),
    ]


def test_the_extent_takes_in_a_deictic_word_the_model_left_out(nlp: Language) -> None:
    text = (
        "The EU banned the airlines after a string of accidents, including two major disasters "
        "this year - the losses of Adam Air Flight 574 and Garuda Indonesia Flight 200."
    )
    dates = analyze_text("t", text, date(2007, 12, 20), nlp=nlp).dates
    assert [(d.text, d.value) for d in dates] == [("this year", "2007")]


def test_soon_is_a_future_reference_but_not_soon_to_open(nlp: Language) -> None:
    text = "He wanted to present details of the plan to European governments very soon."
    dates = analyze_text("t", text, date(2009, 11, 5), nlp=nlp).dates
    assert [(d.text, d.value) for d in dates] == [("very soon", "FUTURE_REF")]
    text = "Guests were greeted at the soon-to-open Terminal 3. As soon as it opened, it filled."
    assert analyze_text("t", text, date(2009, 11, 5), nlp=nlp).dates == ()


def test_a_clock_time_takes_its_line_s_day_not_the_date_line_s(nlp: Language) -> None:
    text = (
        "GM outlines plan\nJune 04, 2009\nIn a press conference at 16:15 UTC, June 1st, the CEO "
        "of GM, which filed for bankruptcy earlier today, outlined a plan."
    )
    dates = analyze_text("t", text, date(2009, 6, 4), nlp=nlp).dates
    assert {d.text: d.value for d in dates}["16:15 UTC"] == "2009-06-01T16:15Z"


@pytest.mark.parametrize(
    ("text", "tense", "expected"),
    [
        ("every two weeks", "present", ("SET", "P2W")),
        ("twice a week", "present", ("SET", "P1W")),
        ("nearly a month", "past", ("DURATION", "P1M")),  # an amount, not a rate
        ("half an hour", "past", ("DURATION", "PT30M")),
        ("a few days", "past", ("DURATION", "PXD")),
        ("a couple of weeks", "past", ("DURATION", "P2W")),
        ("a year and a half", "past", ("DURATION", "P1.5Y")),
        ("the second half of the year", "present", ("DATE", "2025-H2")),
        ("yesterday afternoon", "past", ("TIME", "2025-07-03TAF")),
        ("tomorrow morning", "future", ("TIME", "2025-07-05TMO")),
        ("the following day", "past", ("DATE", "2025-07-05")),
        ("Christmas", "past", ("DATE", "2024-12-25")),
        ("Christmas", "future", ("DATE", "2025-12-25")),
        ("the long run", "present", ("DATE", "FUTURE_REF")),
    ],
)
def test_amounts_sets_parts_of_days_and_holidays(
    text: str, tense: str, expected: tuple[str, str]
) -> None:
    assert normalize(text, FRIDAY, tense=tense) == expected
