"""Which days a large story's timeline shows: the days its articles make the most of.

A story told by many articles has far more dated developments than a reader (or a journalist
writing its timeline) keeps. The days worth keeping are chosen as news-tls chooses them
(Gholipour Ghalandari & Ifrim 2020, "Examining the State-of-the-Art in News Timeline
Summarization": date ranking by publication and mention counts), from what the articles say
about each day:

- how many articles were published on it or the day after (a day that made news: a
  morning paper reports the day before, as news-tls's sentence collection also reads an
  article for both days);
- how many articles published later refer back to it by a time expression ("on 25 June",
  "last Thursday"): a day that is still told is a day that mattered;
- how many articles report the best-reported development dated on it.

The salience of a day is the sum of the three counts. How many days are kept grows with the
story's duration, not with its number of articles (a week of intense coverage is still a
week): ``round(per_sqrt_day * sqrt(days from the first article to the last))``, about 7 for
a story of three weeks, 16 for four months, 45 for two and a half years, the sizes of
journalists' timelines of such stories (Timeline17).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from parallax.model import TimeExpression
from parallax.stories.developments import precision_of

__all__ = ["day_salience", "main_days"]


def _days_told_before(published: date, dates: Iterable[TimeExpression]) -> set[date]:
    """The days before its publication that one article names (each counted once)."""
    days = set()
    for expression in dates:
        if expression.value is not None and precision_of(expression.value) == "day":
            day = date.fromisoformat(expression.value)
            if day < published:
                days.add(day)
    return days


def day_salience(
    articles: Iterable[tuple[date | None, Iterable[TimeExpression]]],
    reports: Mapping[date, int],
) -> Counter[date]:
    """Return the salience of each day that has a development (see the module's docstring).

    Args:
        articles: each article's publication date and time expressions.
        reports: for each day with a day-dated development, how many articles report the
            best-reported one.
    """
    told: Counter[date] = Counter()
    for published, dates in articles:
        if published is None:
            continue
        told[published] += 1
        told[published - timedelta(days=1)] += 1
        told.update(_days_told_before(published, dates))
    return Counter({day: told[day] + count for day, count in reports.items()})


def main_days(salience: Mapping[date, int], span_days: int, per_sqrt_day: float) -> set[date]:
    """Return the most salient days, as many as the story's duration allows.

    Args:
        salience: each candidate day's salience.
        span_days: days from the story's first article to its last, both counted.
        per_sqrt_day: days kept per square root of ``span_days``.
    """
    keep = max(1, round(per_sqrt_day * math.sqrt(max(1, span_days))))
    ranked = sorted(salience, key=lambda day: (-salience[day], day))
    return set(ranked[:keep])
