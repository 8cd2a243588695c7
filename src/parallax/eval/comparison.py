"""A corpus report of story comparisons on data with no comparison gold (BASIL).

Each BASIL triplet (one event told by Fox News, The New York Times and HuffPost, sharing a
``triplet-uuid``; read by :func:`parallax.datasets.story_streams.read_basil`) is one story. All
articles read go through the front door as a user's would: written as JSON Lines (text, title,
date, outlet name), ingested into a fresh corpus in a temporary folder, analysed (which merges
entity spellings across the corpus). Story grouping is skipped: each triplet's comparison is
computed directly over its three stored articles with their analyses and outlet profiles
(:func:`parallax.stages.compare.story_articles` on a story made of the triplet, then
:func:`parallax.compare.story.compare_story` with its default similarity), so that grouping
errors do not interfere. The timeline is :func:`parallax.stories.timeline.build_timeline` over the
same articles, as ``corpus.stories.timeline`` builds it.

Per story: ``only_here_rate`` (the share of the story's claims whose group only one outlet
reports, i.e. marked "only here"), ``contradictions`` (distinct contradicting claim pairs,
counted once per story) and their count per kind, and ``timeline_per_article`` (timeline
entries divided by articles). The corpus figures are the means over stories, plus the pooled
only-here rate (all only-here claims over all claims).
"""

from __future__ import annotations

import tempfile
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import Any

from parallax.comparison import CONFLICT_KINDS, StoryComparison
from parallax.datasets.story_streams import Labelled, read_basil
from parallax.errors import Code, ConfigError
from parallax.eval.analysed import analysed_corpus

__all__ = ["FORMATS", "StoryRow", "evaluate_comparison", "story_row"]

FORMATS = ("basil",)
#: BASIL's ``source`` codes → the outlet names the registry knows.
BASIL_OUTLETS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}


@dataclass(frozen=True, slots=True)
class StoryRow:
    """The figures of one story's comparison."""

    story: str
    articles: int
    outlets: int
    claims: int
    only_here: int
    contradictions: dict[str, int]  # kind → distinct contradicting pairs
    timeline_entries: int

    @property
    def only_here_rate(self) -> float:
        """The share of the story's claims marked "only here" (0 when it has none)."""
        return self.only_here / self.claims if self.claims else 0.0

    @property
    def timeline_per_article(self) -> float:
        """Timeline entries per article."""
        return self.timeline_entries / self.articles if self.articles else 0.0

    def as_dict(self) -> dict[str, Any]:
        """The row as JSON-ready values: its fields and rates, contradictions as a total and by
        kind."""
        return asdict(self) | {
            "only_here_rate": self.only_here_rate,
            "contradictions": sum(self.contradictions.values()),
            "contradictions_by_kind": dict(self.contradictions),
            "timeline_per_article": self.timeline_per_article,
        }


def story_row(comparison: StoryComparison, timeline_entries: int, articles: int) -> StoryRow:
    """Read one story's figures off its comparison and the length of its timeline."""
    claims = sum(len(group.claims) for group in comparison.groups)
    only_here = sum(len(group.claims) for group in comparison.groups if len(group.outlets) == 1)
    kinds = dict.fromkeys(CONFLICT_KINDS, 0)
    seen = set()
    for pair in comparison.pairs:
        if pair.label != "contradict":
            continue
        key = frozenset((_span(pair.first), _span(pair.second)))
        if key in seen:
            continue
        seen.add(key)
        kind = pair.kind or "other"
        kinds[kind] = kinds.get(kind, 0) + 1
    return StoryRow(
        story=comparison.story_id,
        articles=articles,
        outlets=len(comparison.outlets),
        claims=claims,
        only_here=only_here,
        contradictions=kinds,
        timeline_entries=timeline_entries,
    )


def _span(evidence: Any) -> tuple[str, int, int]:
    return evidence.article_id, evidence.start, evidence.end


def _triplets(rows: Sequence[Labelled], limit: int | None) -> dict[str, list[Labelled]]:
    """Group articles by story, stories in order of their first article (then by id)."""
    stories: dict[str, list[Labelled]] = defaultdict(list)
    for row in rows:
        stories[row.story].append(row)
    ordered = sorted(
        stories.items(),
        key=lambda item: (min(r.item.published or date.max for r in item[1]), item[0]),
    )
    return dict(ordered[:limit] if limit is not None else ordered)


def _records(stories: dict[str, list[Labelled]]) -> Iterator[dict[str, object]]:
    for rows in stories.values():
        for row in rows:
            item = row.item
            yield {
                "id": item.article_id,
                "title": item.title,
                "text": item.text,
                "published": item.published.isoformat() if item.published else None,
                "outlet": BASIL_OUTLETS.get(item.outlet or "", item.outlet),
            }


def compare_triplets(
    stories: dict[str, list[Labelled]], workdir: Path, *, events: bool = False
) -> list[tuple[StoryComparison, int, int]]:
    """Ingest and analyse the stories' articles in a fresh corpus under ``workdir``; return
    each story's comparison, its number of timeline entries and of articles."""
    from parallax.compare.story import compare_story
    from parallax.model import Story
    from parallax.stages.compare import story_articles

    results = []
    with analysed_corpus(_records(stories), workdir) as corpus:
        by_external = {a.external_id: a for a in corpus.store.articles() if a.external_id}
        for story_id, rows in stories.items():
            found = [
                by_external[r.item.article_id] for r in rows if r.item.article_id in by_external
            ]
            days = [a.published for a in found if a.published is not None]
            story = Story(
                id=story_id,
                title=found[0].title or story_id if found else story_id,
                article_ids=tuple(a.id for a in found),
                entities=(),
                outlets=tuple(dict.fromkeys(a.outlet or "unknown" for a in found)),
                first_seen=min(days) if days else None,
                last_seen=max(days) if days else None,
                grouper="basil-triplet",
            )
            items = story_articles(corpus.store, story, corpus.outlets.get, events=events)
            comparison = compare_story(story.id, items, events=events)
            timeline = corpus.stories.timeline_of(item.article.id for item in items)
            results.append((comparison, len(timeline), len(items)))
    return results


def summarise(rows: Sequence[StoryRow]) -> dict[str, float]:
    """The corpus means over stories (and the pooled only-here rate)."""
    n = len(rows)
    claims = sum(row.claims for row in rows)
    result: dict[str, float] = {
        "stories": float(n),
        "articles": float(sum(row.articles for row in rows)),
        "claims": float(claims),
        "only_here_rate": sum(row.only_here_rate for row in rows) / n if n else 0.0,
        "only_here_rate_pooled": sum(row.only_here for row in rows) / claims if claims else 0.0,
        "contradictions_per_story": (
            sum(sum(row.contradictions.values()) for row in rows) / n if n else 0.0
        ),
    }
    kinds = list(dict.fromkeys([*CONFLICT_KINDS, *(k for r in rows for k in r.contradictions)]))
    for kind in kinds:
        total = sum(row.contradictions.get(kind, 0) for row in rows)
        result[f"contradictions_{kind}_per_story"] = total / n if n else 0.0
    result["timeline_per_article"] = sum(row.timeline_per_article for row in rows) / n if n else 0.0
    return result


def evaluate_comparison(
    data: Path, *, fmt: str = "basil", limit: int | None = None, events: bool = False
) -> tuple[dict[str, float], list[StoryRow]]:
    """Compare every story (or the first ``limit``) of ``data``; return the means and the rows.

    Raises:
        ConfigError: an unknown ``fmt`` or a ``limit`` below 1.
    """
    if fmt not in FORMATS:
        raise ConfigError(Code.CONFIG, f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    if limit is not None and limit < 1:
        raise ConfigError(Code.CONFIG, "--limit must be at least 1")
    stories = _triplets(read_basil(data), limit)
    with tempfile.TemporaryDirectory(prefix="parallax-eval-") as workdir:
        compared = compare_triplets(stories, Path(workdir), events=events)
    rows = [story_row(c, entries, articles) for c, entries, articles in compared]
    return summarise(rows), rows
