"""Timelines from hand-built analyses: dating, merging across outlets, ordering."""

from __future__ import annotations

from datetime import date

import pytest

from parallax.model import Claim, TimeExpression
from parallax.stories.timeline import (
    TimelineArticle,
    TimelineSettings,
    build_timeline,
    period_end,
    period_start,
    precision_of,
)


def article(
    article_id: str,
    outlet: str,
    published: date,
    sentences: list[tuple[str, float]],
    dates: list[tuple[str, str]] = (),  # type: ignore[assignment]
) -> TimelineArticle:
    text = " ".join(sentence for sentence, _ in sentences)
    claims, offset = [], 0
    for sentence, score in sentences:
        claims.append(Claim(article_id, offset, offset + len(sentence), sentence, score, "x.v1"))
        offset += len(sentence) + 1
    expressions = []
    for words, value in dates:
        start = text.index(words)
        expressions.append(
            TimeExpression(article_id, start, start + len(words), words, "DATE", value, "x.v1")
        )
    return TimelineArticle(article_id, outlet, published, tuple(claims), tuple(expressions))


@pytest.mark.parametrize(
    ("value", "grain", "start"),
    [
        ("2025-07-03", "day", date(2025, 7, 3)),
        ("2025-W27", "week", date(2025, 6, 30)),
        ("2025-03", "month", date(2025, 3, 1)),
        ("2024", "year", date(2024, 1, 1)),
        ("2009-Q3", "quarter", date(2009, 7, 1)),
        ("2009-SU", "season", date(2009, 6, 1)),
        ("2010-WI", "season", date(2009, 12, 1)),
        ("2010-H2", "half", date(2010, 7, 1)),
    ],
)
def test_precision_and_period_start(value: str, grain: str, start: date) -> None:
    assert precision_of(value) == grain
    assert period_start(value) == start


@pytest.mark.parametrize(
    ("value", "end"),
    [
        ("2009-Q3", date(2009, 9, 30)),
        ("2009-SU", date(2009, 8, 31)),
        ("2010-WI", date(2010, 2, 28)),
        ("2010-FA", date(2010, 11, 30)),
        ("2010-H1", date(2010, 6, 30)),
    ],
)
def test_a_quarter_season_or_half_ends_with_its_last_month(value: str, end: date) -> None:
    assert period_end(value) == end


@pytest.mark.parametrize("value", [None, "PXM", "P30D", "PAST_REF", "XXXX-WXX-4"])
def test_unanchored_values_have_no_precision(value: str | None) -> None:
    assert precision_of(value) is None


def test_a_stated_date_wins_and_reports_merge_across_outlets() -> None:
    first = article(
        "a",
        "Outlet A",
        date(2025, 7, 4),
        [("The presidents spoke by phone on Thursday about the weapons deliveries.", 0.8)],
        [("Thursday", "2025-07-03")],
    )
    second = article(
        "b",
        "Outlet B",
        date(2025, 7, 5),
        [("The presidents spoke by phone on Thursday, a call about weapons deliveries.", 0.7)],
        [("Thursday", "2025-07-03")],
    )
    [entry] = build_timeline([second, first])
    assert (entry.date, entry.precision, entry.basis) == ("2025-07-03", "day", "stated")
    assert entry.article_ids == ("a", "b")
    assert entry.outlets == ("Outlet A", "Outlet B")
    assert entry.summary.startswith("The presidents spoke by phone on Thursday about")
    for source in entry.sources:
        assert source.text in (first.claims[0].text, second.claims[0].text)


def test_undated_developments_take_the_first_report_and_opinions_are_left_out() -> None:
    first = article(
        "a",
        "A",
        date(2025, 7, 4),
        [
            ("The Pentagon suspended deliveries of Patriot missiles to Ukraine.", 0.8),
            ("This is a disgraceful betrayal of everything the alliance stands for.", 0.8),
            ("Officials said the talks were important.", 0.3),
        ],
    )
    second = article(
        "b",
        "B",
        date(2025, 7, 8),
        [
            (
                "The Pentagon suspension of Patriot missiles deliveries to Ukraine followed a review.",
                0.7,
            )
        ],
    )
    [entry] = build_timeline([first, second])
    assert (entry.date, entry.basis) == ("2025-07-04", "published")
    assert entry.article_ids == ("a", "b")


def test_entries_are_ordered_by_the_start_of_their_period() -> None:
    items = article(
        "a",
        "A",
        date(2025, 7, 4),
        [
            ("Russia claimed this week to have captured the province after an attack.", 0.8),
            ("In March the president announced new sanctions on the bank.", 0.8),
            ("The leaders met on Thursday to sign the agreement.", 0.8),
        ],
        [("this week", "2025-W27"), ("March", "2025-03"), ("Thursday", "2025-07-03")],
    )
    assert [entry.date for entry in build_timeline([items])] == [
        "2025-03",
        "2025-W27",
        "2025-07-03",
    ]


def test_in_a_large_story_a_development_told_once_is_minor() -> None:
    call = "The pair spoke again at length on Thursday in what turned out to be another call."
    told = [
        article(
            f"a{i}", f"Outlet {i}", date(2025, 7, 4), [(call, 0.8)], [("Thursday", "2025-07-03")]
        )
        for i in range(2)
    ]
    once = article(
        "b",
        "Other",
        date(2025, 7, 4),
        [("Russian drones struck the city of Kharkiv on Wednesday.", 0.8)],
        [("Wednesday", "2025-07-02")],
    )
    # Three articles, one "report" needed per 3: a development needs 1 + 3 // 3 = 2 of them,
    # unless it is the best-reported of a day shown: one day here (round(1.0 * sqrt(1))), the
    # 3rd (2 references, 3 articles the day after, 2 reports) rather than the 2nd (1 + 0 + 1).
    settings = TimelineSettings(articles_per_report=3, days_per_sqrt_day=1.0)
    entries = build_timeline([*told, once], settings)
    assert [(e.date, e.section, e.article_ids) for e in entries] == [
        ("2025-07-02", "minor", ("b",)),
        ("2025-07-03", "main", ("a0", "a1")),
    ]
    # With the default (40 articles a report), a three-article story shows both.
    assert {e.section for e in build_timeline([*told, once])} == {"main"}


def test_a_large_story_shows_its_most_salient_days() -> None:
    quake = ("An earthquake struck Haiti on Tuesday, killing thousands.", 0.8)
    recalled = ("Survivors described what they lived through on Tuesday.", 0.3)  # no claim
    un = ("The UN headquarters in Port-au-Prince collapsed on Wednesday.", 0.8)
    marines = ("Marines landed at the port on Thursday.", 0.8)
    flights = ("Aid flights to the airport were halted on Friday.", 0.8)
    tuesday, wednesday = ("Tuesday", "2010-01-12"), ("Wednesday", "2010-01-13")
    thursday, friday = ("Thursday", "2010-01-14"), ("Friday", "2010-01-15")
    plan = [  # (published day, sentences, dates)
        (13, [quake], [tuesday]),
        (13, [un], [wednesday]),
        (13, [un], [wednesday]),
        (13, [], []),
        (14, [recalled], [tuesday]),
        (14, [recalled, marines], [tuesday, thursday]),
        (14, [recalled], [tuesday]),
        (15, [recalled, flights], [tuesday, friday]),
        (15, [recalled, flights], [tuesday, friday]),
        (16, [recalled], [tuesday]),
    ]
    story = [
        article(f"a{i}", f"Outlet {i % 3}", date(2010, 1, day), sentences, dates)
        for i, (day, sentences, dates) in enumerate(plan)
    ]
    # Ten articles, one report needed per 10: developments need 2 reports to stand on their
    # own. The story spans 4 days: round(1.0 * sqrt(4)) = 2 days are shown. Salience (later
    # references, articles that day or the day after, reports): the 12th 7 + 4 + 1; the 13th
    # 0 + 7 + 2; the 14th 0 + 5 + 1; the 15th 0 + 3 + 2.
    settings = TimelineSettings(articles_per_report=10, days_per_sqrt_day=1.0)
    entries = build_timeline(story, settings)
    assert [(e.date, e.section, len(e.article_ids)) for e in entries] == [
        ("2010-01-12", "main", 1),  # told once, but the day the story is about
        ("2010-01-13", "main", 2),
        ("2010-01-14", "minor", 1),
        ("2010-01-15", "minor", 2),  # told twice, on a day that matters less
    ]
