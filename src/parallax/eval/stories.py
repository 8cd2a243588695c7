"""Score story grouping against public story labels: B-cubed and pairwise precision, recall, F1.

Four formats (``basil``, ``uci``, ``fnc``, ``slavicner``), each read from a folder given as an
argument by :mod:`parallax.datasets.story_streams`. ``slavicner`` is a multilingual stream
(six Slavic languages, each article with its language) whose topics are the gold stories; its
folder is the split, so all of it is scored.

Each data set is split in two halves by story (seeded): ``dev`` is the half thresholds were tuned
on, ``eval`` the other half, never looked at while tuning; ``all`` is both. Held-out test splits
(BASIL 2015–2019, FNC-1's competition set) are not read at all.
"""

from __future__ import annotations

import logging
import random
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from parallax.datasets.story_streams import READERS, SEED, Labelled
from parallax.embeddings import AUTO, resolve_embedder, shared_embedder
from parallax.errors import Code, ConfigError
from parallax.stories.assign import StoryIndex
from parallax.stories.features import StoryInput
from parallax.stories.settings import StorySettings

logger = logging.getLogger(__name__)

PARTS = ("dev", "eval", "all")
#: Formats whose folder is the split: every document under it is scored (``all``).
WHOLE_FOLDER = frozenset({"slavicner"})


def default_part(fmt: str) -> str:
    """The part scored when none is asked for: ``all`` for a format whose folder is the split,
    else ``dev``."""
    return "all" if fmt in WHOLE_FOLDER else "dev"


# --- scoring -----------------------------------------------------------------------------
def score_clusters(gold: Mapping[str, str], predicted: Mapping[str, str]) -> dict[str, float]:
    """Score a clustering of items against gold clusters (both map item → cluster label).

    B-cubed (Bagga and Baldwin 1998): per item, precision is the share of its predicted cluster
    that shares its gold cluster, recall the share of its gold cluster that shares its predicted
    cluster; both are averaged over items. Pairwise: precision and recall over the unordered
    pairs of items put together. An item missing from ``predicted`` is a cluster of its own.
    """
    items = list(gold)
    labels = {item: predicted.get(item, f"\0{item}") for item in items}
    both = Counter((gold[item], labels[item]) for item in items)
    gold_sizes = Counter(gold[item] for item in items)
    predicted_sizes = Counter(labels[item] for item in items)
    precision = recall = 0.0
    for (gold_label, label), count in both.items():
        precision += count * count / predicted_sizes[label]
        recall += count * count / gold_sizes[gold_label]
    n = len(items)
    b_precision = precision / n if n else 0.0
    b_recall = recall / n if n else 0.0
    same = sum(count * (count - 1) / 2 for count in both.values())
    predicted_pairs = sum(size * (size - 1) / 2 for size in predicted_sizes.values())
    gold_pairs = sum(size * (size - 1) / 2 for size in gold_sizes.values())
    p_precision = same / predicted_pairs if predicted_pairs else 1.0
    p_recall = same / gold_pairs if gold_pairs else 1.0
    return {
        "bcubed_precision": b_precision,
        "bcubed_recall": b_recall,
        "bcubed_f1": _f1(b_precision, b_recall),
        "pairwise_precision": p_precision,
        "pairwise_recall": p_recall,
        "pairwise_f1": _f1(p_precision, p_recall),
        "articles": float(n),
        "gold_stories": float(len(gold_sizes)),
        "predicted_stories": float(len(predicted_sizes)),
    }


def _f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def split(rows: Sequence[Labelled], part: str, *, seed: int = SEED) -> list[Labelled]:
    """Keep the ``dev`` or ``eval`` half of the stories (seeded), or ``all``; order is kept."""
    if part not in PARTS:
        raise ConfigError(Code.CONFIG, f"unknown part {part!r}; known: {', '.join(PARTS)}")
    if part == "all":
        return list(rows)
    stories = sorted({row.story for row in rows})
    random.Random(seed).shuffle(stories)
    dev = set(stories[: (len(stories) + 1) // 2])
    return [row for row in rows if (row.story in dev) == (part == "dev")]


# --- entities ----------------------------------------------------------------------------
EntitySource = Callable[[Sequence[StoryInput]], list[frozenset[str]]]


def nlp_entities(items: Sequence[StoryInput]) -> list[frozenset[str]]:
    """Return the canonical entity names the NLP stage finds in each article's headline and text."""
    from parallax.nlp.pipeline import analyze_texts, load_pipeline

    texts = (
        (
            item.article_id,
            f"{item.title}\n\n{item.text}" if item.title else item.text,
            item.published,
        )
        for item in items
    )
    found = analyze_texts(texts, nlp=load_pipeline())
    return [frozenset(mention.entity for mention in analysis.mentions) for analysis in found]


ENTITY_SOURCES: dict[str, EntitySource | None] = {"none": None, "nlp": nlp_entities}
"""Where article entities come from: nowhere (text and time only) or the NLP stage."""


# --- the evaluation ----------------------------------------------------------------------
def group_stream(
    rows: Sequence[Labelled],
    *,
    settings: StorySettings | None = None,
    embedder: str | None = AUTO,
) -> dict[str, str]:
    """Run the story index over ``rows`` in order; return ``{article id: story id}``.

    ``embedder`` is a ``story_embedder`` value (``auto``, ``tfidf``, ``minilm``; None: ``auto``).
    """
    name = resolve_embedder(AUTO if embedder is None else embedder)
    logger.info("grouping %d articles with embedder %s", len(rows), name or "none (tfidf)")
    settings = settings or StorySettings.tuned_for(name)
    index = StoryIndex(settings, embedder=shared_embedder(name) if name else None)
    index.assign_all(row.item for row in rows)
    return {row.item.article_id: index.story_of(row.item.article_id) or "" for row in rows}


def load_stream(
    data: Path,
    *,
    fmt: str,
    part: str = "dev",
    seed: int = SEED,
    entities: str = "none",
    dates: bool = True,
) -> list[Labelled]:
    """Read, split and prepare an evaluation stream (see :func:`evaluate_stories`)."""
    if fmt not in READERS:
        raise ConfigError(
            Code.CONFIG, f"unknown format {fmt!r}; known: {', '.join(sorted(READERS))}"
        )
    if entities not in ENTITY_SOURCES:
        known = ", ".join(sorted(ENTITY_SOURCES))
        raise ConfigError(Code.CONFIG, f"unknown entity source {entities!r}; known: {known}")
    rows = split(READERS[fmt](data, seed=seed), part, seed=seed)
    source = ENTITY_SOURCES[entities]
    if source is not None:
        found = source([row.item for row in rows])
        rows = [
            replace(row, item=replace(row.item, entities=e))
            for row, e in zip(rows, found, strict=True)
        ]
    if not dates:
        rows = [replace(row, item=replace(row.item, published=None)) for row in rows]
    return rows


def evaluate_stories(
    data: Path,
    *,
    fmt: str,
    part: str = "dev",
    seed: int = SEED,
    settings: StorySettings | None = None,
    embedder: str | None = AUTO,
    entities: str = "none",
    dates: bool = True,
) -> dict[str, float]:
    """Group a labelled news stream into stories and score it against the gold stories.

    Args:
        data: The data set's folder.
        fmt: ``basil``, ``uci``, ``fnc`` or ``slavicner`` (see the module docstring).
        part: ``dev`` (the tuning half), ``eval`` (the other half) or ``all``.
        seed: Seed of the stream order and of the halves.
        settings: Grouping settings; ``StorySettings.tuned_for(embedder)`` when not given.
        embedder: ``auto`` (MiniLM when the embeddings extra is installed; also None), ``minilm``,
            ``multilingual`` (e5, calibrated by language pair) or ``tfidf`` (TF-IDF, entities
            and time): the ``story_embedder`` setting's values.
        entities: ``none`` or ``nlp`` (run the NLP stage to find each article's entities).
        dates: False to drop publication dates (grouping on content alone).

    Returns:
        B-cubed and pairwise precision, recall and F1, and the numbers of articles, gold stories
        and predicted stories.

    Raises:
        ConfigError: an unknown format, part, entity source or embedder (P601).
        InputError: the data files are missing (P114).
    """
    rows = load_stream(data, fmt=fmt, part=part, seed=seed, entities=entities, dates=dates)
    predicted = group_stream(rows, settings=settings, embedder=embedder)
    return score_clusters({row.item.article_id: row.story for row in rows}, predicted)
