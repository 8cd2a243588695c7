"""A story's timeline: dated developments, merged across the articles and outlets reporting them.

Candidates are the check-worthy sentences the NLP stage found (claims). A sentence is dated by
the anchored time expression inside it (``on Thursday`` → ``2025-07-03``, ``In March`` →
``2025-03``); a sentence with no stated date counts as a development only when it reports one
(an event word such as "announced", "suspension", "attack"), and is dated by the publication
of the article that reports it, marked ``basis = "published"``. Sentences of different
articles that share a date (or, when undated, any date) and enough content words are one
development with several sources. Pure: the same articles always give the same timeline.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

from parallax.model import Claim, TimeExpression, TimelineEntry, TimelineSource
from parallax.stories.features import tokenize

EXTRACTOR = "parallax.timeline.rules.v1"
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_WEEK = re.compile(r"^\d{4}-W\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")


@lru_cache(maxsize=1)
def event_words() -> frozenset[str]:
    """Return the packaged words that mark a sentence as reporting a development."""
    text = resources.files("parallax.data").joinpath("event_words.txt").read_text("utf-8")
    lines = (line.split("#", 1)[0] for line in text.splitlines())
    return frozenset(word for line in lines for word in line.split())


@dataclass(frozen=True, slots=True)
class TimelineArticle:
    """What the timeline needs of one article of a story."""

    article_id: str
    outlet: str | None
    published: date | None
    claims: tuple[Claim, ...]
    dates: tuple[TimeExpression, ...]


@dataclass(frozen=True, slots=True)
class TimelineSettings:
    """Thresholds of the timeline builder."""

    min_claim_score: float = 0.55
    merge_similarity: float = 0.3  # Dice overlap of content words for one development ...
    merge_shared_words: int = 4  # ... or this many shared content words (with Dice >= 0.2)


def precision_of(value: str | None) -> str | None:
    """Return the grain of an anchored TIMEX3 value, or None for anything unanchored."""
    if not value:
        return None
    for pattern, grain in ((_DAY, "day"), (_WEEK, "week"), (_MONTH, "month"), (_YEAR, "year")):
        if pattern.match(value):
            return grain
    return None


def _dice(a: frozenset[str], b: frozenset[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


@dataclass(slots=True)
class _Development:
    date: str
    precision: str
    basis: str
    words: set[str]
    sources: list[TimelineSource] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)


def _dated_sentences(
    article: TimelineArticle, settings: TimelineSettings
) -> Iterable[tuple[str, str, str, Claim]]:
    """Yield ``(date, precision, basis, claim)`` for each development the article reports."""
    for claim in article.claims:
        if claim.score < settings.min_claim_score:
            continue
        inside = [d for d in article.dates if claim.start <= d.start and d.end <= claim.end]
        anchored = [(d.value, precision_of(d.value)) for d in inside if precision_of(d.value)]
        if anchored:
            value, grain = anchored[0]
            yield str(value), str(grain), "stated", claim
        elif article.published and event_words() & set(tokenize(claim.text)):
            yield article.published.isoformat(), "day", "published", claim


def period_start(value: str) -> date:
    """Return the first day of the period an anchored TIMEX3 value names (for ordering)."""
    if _WEEK.match(value):
        return date.fromisocalendar(int(value[:4]), int(value[6:]), 1)
    parts = [int(part) for part in value.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


def _same_time(development: _Development, value: str, basis: str) -> bool:
    # A development dated only by a report's publication can match a report of any date.
    return development.date == value or "published" in (development.basis, basis)


def build_timeline(
    articles: Sequence[TimelineArticle], settings: TimelineSettings | None = None
) -> list[TimelineEntry]:
    """Return the story's developments in date order, each with every article that reports it."""
    settings = settings or TimelineSettings()
    developments: list[_Development] = []
    ordered = sorted(articles, key=lambda a: (a.published or date.max, a.article_id))
    for article in ordered:
        for value, grain, basis, claim in _dated_sentences(article, settings):
            words = frozenset(tokenize(claim.text))
            source = TimelineSource(
                claim.article_id, article.outlet, claim.start, claim.end, claim.text,
                article.published,
            )  # fmt: skip
            best, best_score = None, 0.0
            for development in developments:
                if any(s.article_id == claim.article_id for s in development.sources):
                    continue  # one article's sentences are separate developments
                score = _dice(frozenset(development.words), words)
                shared = len(development.words & words)
                similar = score >= settings.merge_similarity or (
                    shared >= settings.merge_shared_words and score >= 0.2
                )
                if similar and _same_time(development, value, basis) and score > best_score:
                    best, best_score = development, score
            if best is None:
                developments.append(
                    _Development(value, grain, basis, set(words), [source], [claim.score])
                )
                continue
            best.sources.append(source)
            best.scores.append(claim.score)
            best.words |= words
            if best.basis == "published" and basis == "stated":
                best.date, best.precision, best.basis = value, grain, basis
    developments.sort(key=lambda d: (period_start(d.date), -len(d.sources), d.sources[0].start))
    entries = []
    for development in developments:
        lead = max(range(len(development.sources)), key=lambda i: development.scores[i])
        entries.append(
            TimelineEntry(
                date=development.date,
                precision=development.precision,
                basis=development.basis,
                summary=development.sources[lead].text,
                sources=tuple(development.sources),
                extractor=EXTRACTOR,
            )
        )
    return entries
