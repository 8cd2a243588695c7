"""Choose the event groups' merge threshold and constraints by leave-one-topic-out.

Each topic is ingested and analysed once (:func:`parallax.eval.events.topic_story`), its claims
read and aligned as :func:`parallax.compare.story.compare_story` does, and its event mentions
scored once by the event-pair model (:func:`parallax.compare.event_groups.score_mentions`).
Then the mentions are clustered at every threshold of :data:`THRESHOLDS` under every variant of
:data:`VARIANTS` (:func:`parallax.compare.event_groups.group_events`), and each grouping is
scored as ``parallax eval events --grouping claims --mentions predicted`` scores the
comparison (:func:`parallax.eval.events.score_topics`).

Leave-one-topic-out: for each topic, the threshold with the best mean of shared and unique F1
over the *other* topics is applied to it; the held-out topics' figures, each at the threshold
chosen without it, are the second signal (``loto_…``, pooled, and ``topic_<n>_…``). The
claim-pair groups (today's comparison) are scored beside them (``claims_…``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from parallax.compare.event_clusters import Constraints
from parallax.datasets.ecbplus import EcbDocument
from parallax.eval.events import TopicResult, read_events, score_groups, score_topics, topic_story

__all__ = ["THRESHOLDS", "VARIANTS", "Setting", "choose", "sweep_event_groups"]

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
VARIANTS = {
    "plain": Constraints(same_article=False, arguments=False),
    "same_article": Constraints(same_article=True, arguments=False),
    "arguments": Constraints(same_article=False, arguments=True),
    "both": Constraints(same_article=True, arguments=True),
}
REPORTED = ("shared_f1", "shared_precision", "unique_f1", "only_here_rate", "conll_f1")


@dataclass(frozen=True, slots=True)
class Setting:
    """One clustering tried: a variant of :data:`VARIANTS` at a threshold."""

    variant: str
    threshold: float


def _objective(figures: Mapping[str, float]) -> float:
    return (figures["shared_f1"] + figures["unique_f1"]) / 2


def choose(
    read: dict[int, list[EcbDocument]],
    results: Mapping[Setting, Mapping[int, TopicResult]],
    variant: str,
    topics: Sequence[int],
) -> float:
    """The threshold of ``variant`` with the best mean of shared and unique F1 over ``topics``
    (the highest of equals: the more precise)."""
    chosen = {t: read[t] for t in topics}
    best = max(
        (_objective(score_topics(chosen, {t: results[s][t] for t in topics}, "predicted")), s)
        for s in results
        if s.variant == variant
    )
    return best[1].threshold


def sweep_event_groups(
    data: Path,
    *,
    data_format: str = "meantime",
    topics: Sequence[int] | None = None,
    workdir: Path | None = None,
    variants: Sequence[str] = tuple(VARIANTS),
    thresholds: Sequence[float] = THRESHOLDS,
) -> dict[str, float]:
    """Score event groups at every setting and choose each held-out topic's threshold (see the
    module doc); return ``name: value`` figures."""
    from parallax.compare.align import claim_view
    from parallax.compare.event_groups import group_events, score_mentions
    from parallax.compare.story import align_claims

    read = read_events(data, topics, data_format)
    results: dict[Setting, dict[int, TopicResult]] = {}
    claims: dict[int, TopicResult] = {}
    with tempfile.TemporaryDirectory(prefix="parallax-thresholds-") as folder:
        for topic, documents in read.items():
            story = topic_story(topic, documents, workdir or Path(folder))
            views = [
                claim_view(item.article, claim, item.mentions, item.dates)
                for item in story.items
                for claim in sorted(item.claims, key=lambda c: c.start)
            ]
            _sim, groups, group_of = align_claims(
                views, [item.article.text for item in story.items]
            )
            claims[topic] = score_groups(story, documents, groups)
            scored = score_mentions(
                views,
                {item.article.id: item.events for item in story.items},
                {item.article.id: item.article.text for item in story.items},
            )
            for variant in variants:
                for threshold in thresholds:
                    grouping = group_events(
                        views, scored, group_of, threshold=threshold,
                        constraints=VARIANTS[variant],
                    )  # fmt: skip
                    results.setdefault(Setting(variant, threshold), {})[topic] = score_groups(
                        story, documents, grouping.groups
                    )
    metrics: dict[str, float] = {}
    for name, value in score_topics(read, claims, "predicted").items():
        if name in REPORTED or name == "gold_only_here_rate":
            metrics[f"claims_{name}"] = value
    for setting, found in results.items():
        figures = score_topics(read, found, "predicted")
        for name in REPORTED:
            metrics[f"{setting.variant}_at_{setting.threshold:.2f}_{name}"] = figures[name]
    for variant in variants:
        held_out: dict[int, TopicResult] = {}
        for topic in read:
            others = [t for t in read if t != topic] or [topic]
            threshold = choose(read, results, variant, others)
            held_out[topic] = results[Setting(variant, threshold)][topic]
            metrics[f"loto_{variant}_topic_{topic}_threshold"] = threshold
            alone = score_topics({topic: read[topic]}, {topic: held_out[topic]}, "predicted")
            for name in REPORTED:
                metrics[f"loto_{variant}_topic_{topic}_{name}"] = alone[name]
        for name, value in score_topics(read, held_out, "predicted").items():
            if name in REPORTED:
                metrics[f"loto_{variant}_{name}"] = value
    return metrics
