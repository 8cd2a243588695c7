"""A story's timeline: its developments, each an event reported across articles and outlets.

Candidates are the check-worthy sentences the NLP stage found (claims).
:mod:`parallax.stories.developments` keeps those that report a development and dates each by
the time expression attached to its event (``on Thursday`` in a 4 July article → ``2025-07-03``)
or, with none, by its article's publication (``basis = "published"``: "reported by" that day).
Sentences of different articles that report one event (enough content words in common, and
dates that agree: one period inside the other; an undated report no earlier than the event)
are one development listing every article, outlet and span that reports it.

Developments dated long before the story's first article (:attr:`TimelineSettings.background_days`)
go to the ``background`` section. A large story (:attr:`TimelineSettings.articles_per_report`
articles or more) shows in its ``main`` section only its most salient days
(:mod:`parallax.stories.salience`: articles published, later references, reports; as many days
as its duration allows), each with its best-reported development and any other reported by
enough of its articles; developments dated coarser than a day are main when reported by enough
articles. The rest are ``minor``; in a small story every development is ``main``.
Dates after an article are kept only for scheduled events (marked ``scheduled``). A
development told in several languages is one entry listing each language's reports
(:mod:`parallax.stories.timeline_languages`). Pure: the same articles always give the same
timeline.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from parallax.comparison import StoryComparison
from parallax.model import Claim, TimeExpression, TimelineEntry, TimelineSource
from parallax.stories.developments import (
    GRAINS,
    Dating,
    date_claim,
    event_words,
    inside_quote,
    period_end,
    period_start,
    precision_of,
)
from parallax.stories.features import tokenize
from parallax.stories.restated import Embed, restated_texts, same_developments
from parallax.stories.salience import day_salience, main_days
from parallax.stories.timeline_languages import EventScorer, Report, cross_language_links

__all__ = [
    "EXTRACTOR",
    "TimelineArticle",
    "TimelineDraft",
    "TimelineSettings",
    "build_timeline",
    "draft_timeline",
    "event_clusters",
    "event_words",
    "finish_timeline",
    "period_end",
    "period_start",
    "precision_of",
]

# v10: so is the time of a later event after "in advance of" or "ahead of" ("sent a letter … in
# advance of his appearance … on Thursday morning").
# v9: the time of an event in an "after" or "following" clause, or of a past reason ("for" and a
# gerund), is not the sentence's event's and dates no development ("granted … interviews after
# getting testy … late Tuesday").
# v8: "this year" of a state, "since" a noun, compared times, possibilities ahead (time_states).
# v7: a year inside the noun phrases of someone's quoted words ("the campaign of '08") does not
# date the sentence that quotes them; "until after" bounds like "until" (issue #15).
# v6: a relative time inside someone's quote ("today") is the speaker's: the day the text names
# just before the sentence, else it dates nothing.
# v5: a time after "since", "until", "prior to" or "going back to" bounds a state and dates no
# development; a time of day ("Wednesday night": 2014-08-20TNI) dates its development's day; a
# quote's last sentence with its attribution ("… said,” McCoy added.") is no development.
# v4: a quarter, season or half-year dates a development at its grain ("last summer": 2009-SU);
# a sentence inside a direct quote is no development.
# v3: reports of one date and doer (subject) that say the same in other words are one development.
EXTRACTOR = "parallax.timeline.events.v10"
_GRAIN_ORDER = {grain: rank for rank, grain in enumerate(GRAINS)}


@dataclass(frozen=True, slots=True)
class TimelineArticle:
    """What the timeline needs of one article of a story."""

    article_id: str
    outlet: str | None
    published: date | None
    claims: tuple[Claim, ...]
    dates: tuple[TimeExpression, ...]
    language: str | None = None  # None: unknown, read as English
    # Spans of its direct and partial quotes: a sentence inside one is someone else's words
    # (a blog post quoted at length), no development of the story.
    quoted: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True, slots=True)
class TimelineSettings:
    """Thresholds of the timeline builder."""

    min_claim_score: float = 0.55
    merge_similarity: float = 0.3  # Dice overlap of content words for one development ...
    merge_shared_words: int = 4  # ... or this many shared content words (with Dice >= 0.2)
    # A story of n articles shows in its main section the developments reported by at least
    # 1 + n // articles_per_report of them (1 up to 39 articles, 3 for 100); the others are
    # "minor": one paper's sentence in a story told a hundred times is not its timeline.
    articles_per_report: int = 40
    # A story of 40 articles or more shows only its most salient days, the best-reported
    # development of each (even told once) and the others told often enough: this many days
    # per square root of the days the story spans (7 for three weeks, 16 for four months).
    days_per_sqrt_day: float = 1.5
    background_days: int = 30  # ended this many days before the first article: background
    scheduled_days: int = 180  # a scheduled event at most this many days after its report


def _dice(a: set[str], b: set[str]) -> float:
    return 2 * len(a & b) / (len(a) + len(b)) if a and b else 0.0


@dataclass(slots=True)
class _Development:
    dating: Dating
    members: list[set[str]]
    sources: list[TimelineSource] = field(default_factory=list)
    scores: list[float] = field(default_factory=list)
    events: set[str] = field(default_factory=set)  # event clusters its reports are in


def _within(inner: str, outer: str) -> bool:
    return period_start(outer) <= period_start(inner) and period_end(inner) <= period_end(outer)


def _same_time(
    known: Dating, new: Dating, reported: date | None, first: date | None, window: int
) -> bool:
    """Whether two datings can be one event's: nested periods; an undated report no earlier
    than the event it reports, and at most ``window`` days after it."""
    if known.basis == new.basis == "stated":
        return _within(known.value, new.value) or _within(new.value, known.value)
    if known.basis == new.basis == "published":
        return True
    stated, report = (new, first) if new.basis == "stated" else (known, reported)
    # An undated report tells of a recent event: not of one long before it (the 2003 Bam
    # earthquake is not the one a report of 13 January 2010 tells of).
    return report is None or (
        period_start(stated.value) <= report
        and period_end(stated.value) >= report - timedelta(days=window)
    )


def _finer(known: Dating, new: Dating) -> Dating:
    """The better dating of one development: a stated date, then the finer grain."""
    if known.basis != new.basis:
        return known if known.basis == "stated" else new
    return new if _GRAIN_ORDER[new.precision] < _GRAIN_ORDER[known.precision] else known


def _match(
    developments: list[_Development],
    claim: Claim,
    words: set[str],
    dating: Dating,
    published: date | None,
    settings: TimelineSettings,
    events: frozenset[str] = frozenset(),
) -> _Development | None:
    best, best_score = None, 0.0
    for development in developments:
        if any(s.article_id == claim.article_id for s in development.sources):
            continue  # one article's sentences are separate developments
        # Single link: like any one report of the development (a grown union of words
        # would look less and less like each new report).
        score = max(_dice(member, words) for member in development.members)
        shared = max(len(member & words) for member in development.members)
        similar = score >= settings.merge_similarity or (
            shared >= settings.merge_shared_words and score >= 0.2
        )
        if events & development.events:  # one event cluster of the comparison: one event
            similar, score = True, max(score, settings.merge_similarity)
        first = min((s.published for s in development.sources if s.published), default=None)
        if (
            similar
            and score > best_score
            and _same_time(development.dating, dating, published, first, settings.background_days)
        ):
            best, best_score = development, score
    return best


def _reports(development: _Development) -> int:
    return len({source.article_id for source in development.sources})


def _shown_days(
    articles: Sequence[TimelineArticle],
    developments: list[_Development],
    horizon: date | None,
    settings: TimelineSettings,
) -> dict[str, _Development]:
    """The days a large story's main section shows (:mod:`parallax.stories.salience`), each
    with its best-reported development."""
    best: dict[date, _Development] = {}
    for development in developments:
        dating = development.dating
        if dating.precision != "day" or (horizon and period_end(dating.value) < horizon):
            continue
        day = date.fromisoformat(dating.value)
        if day not in best or _reports(development) > _reports(best[day]):
            best[day] = development
    published = [a.published for a in articles if a.published]
    span = (max(published) - min(published)).days + 1 if published else 1
    reports = {day: _reports(development) for day, development in best.items()}
    salience = day_salience(((a.published, a.dates) for a in articles), reports)
    days = main_days(salience, span, settings.days_per_sqrt_day)
    return {str(day): development for day, development in best.items() if day in days}


def _main(
    development: _Development, min_reports: int, shown: dict[str, _Development] | None
) -> bool:
    """Whether a development (not background) belongs to the main section: in a large story,
    the best-reported development of a day shown, or one reported by enough articles on a day
    shown (or dated coarser than a day); in a small one (``shown`` None), every development."""
    if shown is None:
        return True
    if development.dating.precision == "day":
        lead = shown.get(development.dating.value)
        return lead is development or (lead is not None and _reports(development) >= min_reports)
    return _reports(development) >= min_reports


def _first(development: _Development) -> date | None:
    return min((s.published for s in development.sources if s.published), default=None)


def _join_languages(
    developments: list[_Development],
    languages: Mapping[str, str | None],
    window: int,
    score: EventScorer | None,
) -> list[_Development]:
    """Join developments told in different languages that report one event
    (:mod:`parallax.stories.timeline_languages`), each keeping every language's reports."""
    if score is None or len({language or "en" for language in languages.values()}) < 2:
        return developments

    def same_time(i: int, j: int) -> bool:
        a, b = developments[i], developments[j]
        if a.dating.basis == b.dating.basis == "published":
            # Two undated reports: as in one language, any two may be of one event, if
            # first reported at most ``window`` days apart (an event's later reports).
            first_a, first_b = _first(a), _first(b)
            return first_a is None or first_b is None or abs(first_a - first_b).days <= window
        return _same_time(a.dating, b.dating, _first(b), _first(a), window)

    reports = [
        [Report(s.article_id, languages.get(s.article_id), s.text) for s in d.sources]
        for d in developments
    ]
    return _joined(developments, cross_language_links(reports, same_time, score))


def _joined(
    developments: list[_Development], links: Sequence[tuple[int, int]]
) -> list[_Development]:
    """Join each linked pair ``(i, j)`` of developments into one, keeping every report."""
    joined: dict[int, int] = {}
    for i, j in links:
        while i in joined:
            i = joined[i]
        while j in joined:
            j = joined[j]
        if i == j:
            continue
        keep, into = developments[i], developments[j]
        keep.sources += into.sources
        keep.scores += into.scores
        keep.members += into.members
        keep.events |= into.events
        keep.dating = _finer(keep.dating, into.dating)
        joined[j] = i
    return [d for n, d in enumerate(developments) if n not in joined]


def _restated_inputs(developments: list[_Development]) -> tuple[list[str], list[list[str]]]:
    keys = [f"{d.dating.value}|{d.dating.basis}" for d in developments]
    return keys, [[source.text for source in d.sources] for d in developments]


def _join_restated(developments: list[_Development], embed: Embed | None) -> list[_Development]:
    """Join developments of one date and doer that say the same in other words
    (:mod:`parallax.stories.restated`; needs the MiniLM ``embed``)."""
    if embed is None or len(developments) < 2:
        return developments
    return _joined(developments, same_developments(*_restated_inputs(developments), embed))


@dataclass(slots=True)
class TimelineDraft:
    """A story's developments from its articles' reports, before those told in other words
    or in other languages are joined (:func:`draft_timeline`; :func:`finish_timeline` uses
    it up)."""

    articles: Sequence[TimelineArticle]
    settings: TimelineSettings
    developments: list[_Development]

    def restated_texts(self) -> list[str]:
        """The texts :func:`finish_timeline` gives its ``embed`` (each once): a caller can
        embed those of many stories ahead, in one call."""
        if len(self.developments) < 2:
            return []
        return restated_texts(*_restated_inputs(self.developments))


def build_timeline(
    articles: Sequence[TimelineArticle],
    settings: TimelineSettings | None = None,
    *,
    events: Mapping[tuple[str, int, int], frozenset[str]] | None = None,
    across: EventScorer | None = None,
    embed: Embed | None = None,
) -> list[TimelineEntry]:
    """Return the story's developments in date order, each with every article that reports it.

    ``events`` gives, for a claim ``(article_id, start, end)``, the event clusters across
    articles it is in (:func:`event_clusters`, from a comparison with event groups): two
    reports in one cluster are one development when their dates agree, whatever their words.
    ``across`` scores reports in different languages as one event or not
    (:func:`parallax.compare.crosslingual_claims.event_margins`): with it, one development
    told in several languages is one entry. ``embed`` (MiniLM,
    :func:`parallax.models.vectors.cached_embedder`): reports of one date and doer that say
    the same in other words are one development (:mod:`parallax.stories.restated`).
    """
    draft = draft_timeline(articles, settings, events=events)
    return finish_timeline(draft, across=across, embed=embed)


def draft_timeline(
    articles: Sequence[TimelineArticle],
    settings: TimelineSettings | None = None,
    *,
    events: Mapping[tuple[str, int, int], frozenset[str]] | None = None,
) -> TimelineDraft:
    """Return the first half of :func:`build_timeline` (its arguments' meaning): each report
    dated, and joined with the reports of the same event in the same words."""
    events = events or {}
    settings = settings or TimelineSettings()
    developments: list[_Development] = []
    ordered = sorted(articles, key=lambda a: (a.published or date.max, a.article_id))
    for article in ordered:
        for claim in article.claims:
            if claim.score < settings.min_claim_score or inside_quote(claim, article.quoted):
                continue
            words = set(tokenize(claim.text))
            dating = date_claim(
                claim,
                article.dates,
                article.published,
                words,
                ahead_days=settings.scheduled_days,
                language=article.language,
                quoted=article.quoted,
            )
            if dating is None:
                continue
            source = TimelineSource(
                claim.article_id, article.outlet, claim.start, claim.end, claim.text,
                article.published,
            )  # fmt: skip
            clusters = events.get((claim.article_id, claim.start, claim.end), frozenset())
            best = _match(developments, claim, words, dating, article.published, settings, clusters)
            if best is None:
                developments.append(
                    _Development(dating, [words], [source], [claim.score], set(clusters))
                )
                continue
            best.events |= clusters
            best.sources.append(source)
            best.scores.append(claim.score)
            best.members.append(words)
            best.dating = _finer(best.dating, dating)
    return TimelineDraft(articles, settings, developments)


def finish_timeline(
    draft: TimelineDraft, *, across: EventScorer | None = None, embed: Embed | None = None
) -> list[TimelineEntry]:
    """Return the second half of :func:`build_timeline` (its arguments' meaning): the
    developments told in other words or languages joined, dated and sectioned. The draft's
    developments are used up (joined in place)."""
    articles, settings = draft.articles, draft.settings
    developments = _join_restated(draft.developments, embed)
    languages = {a.article_id: a.language for a in articles}
    developments = _join_languages(developments, languages, settings.background_days, across)
    told = Counter(language or "en" for language in languages.values())
    main_language = min(told, key=lambda language: (-told[language], language), default="en")

    def own(article_id: str) -> bool:
        return (languages.get(article_id) or "en") == main_language

    min_reports = 1 + len(articles) // settings.articles_per_report
    published = [a.published for a in articles if a.published]
    started = min(published, default=None)
    horizon = started - timedelta(days=settings.background_days) if started else None
    developments.sort(
        key=lambda d: (period_start(d.dating.value), -len(d.sources), d.sources[0].start)
    )
    shown = _shown_days(articles, developments, horizon, settings) if min_reports > 1 else None
    entries = []
    for development in developments:
        # A development told in several languages is summed up in the story's main language.
        lead = max(
            range(len(development.sources)),
            key=lambda i: (own(development.sources[i].article_id), development.scores[i]),
        )
        dating = development.dating
        if horizon is not None and period_end(dating.value) < horizon:
            section = "background"
        else:
            section = "main" if _main(development, min_reports, shown) else "minor"
        entries.append(
            TimelineEntry(
                date=dating.value,
                precision=dating.precision,
                basis=dating.basis,
                summary=development.sources[lead].text,
                sources=tuple(development.sources),
                extractor=EXTRACTOR,
                section=section,
                scheduled=dating.scheduled,
            )
        )
    return entries


def event_clusters(comparison: StoryComparison) -> dict[tuple[str, int, int], frozenset[str]]:
    """Return, for each claim ``(article_id, start, end)`` of a comparison with event groups,
    the ids of the event clusters of two or more articles it is in (for :func:`build_timeline`:
    a development is then an event cluster across articles, with every outlet reporting it)."""
    found: dict[tuple[str, int, int], set[str]] = {}
    for group in comparison.groups:
        if not group.events or len({e.article_id for e in group.events}) < 2:
            continue
        for claim in group.claims:
            found.setdefault((claim.article_id, claim.start, claim.end), set()).add(group.id)
    return {key: frozenset(ids) for key, ids in found.items()}
