"""Which days a large story's timeline shows: publication, later references, reports."""

from __future__ import annotations

from datetime import date

from parallax.model import TimeExpression
from parallax.stories.salience import day_salience, main_days


def _said(article_id: str, value: str) -> TimeExpression:
    return TimeExpression(article_id, 0, 6, "Monday", "DATE", value, "x.v1")


def test_a_day_counts_its_articles_later_references_and_reports() -> None:
    articles = [
        # Published on the 13th, it names the 12th twice (one article counts once) and the
        # 14th ahead of it (a schedule is no sign that the day mattered).
        (date(2010, 1, 13), [_said("a", "2010-01-12"), _said("a", "2010-01-12"),
                             _said("a", "2010-01-14")]),
        (date(2010, 1, 15), [_said("b", "2010-01-12"), _said("b", "2010-01")]),
        (date(2010, 1, 15), []),
        (None, [_said("c", "2010-01-12")]),
    ]  # fmt: skip
    reports = {date(2010, 1, 12): 2, date(2010, 1, 14): 1, date(2010, 1, 15): 1}
    # The 12th: 2 later references, the 13th's article (the day after), 2 reports; the 14th:
    # the two articles of the 15th (the day after), 1 report; the 15th: 2 articles, 1 report.
    assert day_salience(articles, reports) == {
        date(2010, 1, 12): 2 + 1 + 2,
        date(2010, 1, 14): 2 + 1,
        date(2010, 1, 15): 2 + 1,
    }


def test_the_days_kept_grow_with_the_story_s_duration() -> None:
    salience = {date(2010, 1, d): 40 - d for d in range(1, 31)}
    three_weeks = main_days(salience, 21, 1.5)  # round(1.5 * sqrt(21)) = 7
    assert three_weeks == {date(2010, 1, d) for d in range(1, 8)}
    assert len(main_days(salience, 121, 1.5)) == 16
    tied = {date(2010, 1, 2): 5, date(2010, 1, 1): 5, date(2010, 1, 3): 9}
    assert main_days(tied, 1, 2.0) == {date(2010, 1, 3), date(2010, 1, 1)}  # the earlier day
