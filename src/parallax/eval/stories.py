"""Score story grouping against public story labels: B-cubed and pairwise precision, recall, F1.

Three formats, each read from a folder given as an argument:

* ``basil``: BASIL's ``articles/<year>/<uuid>.json``; the three articles (Fox, NYT, HuffPost)
  sharing a ``triplet-uuid`` are one story. Fed in publication order (same-day ties in a
  seeded random order), with their dates, headlines and full text.
* ``uci``: the UCI News Aggregator slice (``*.csv``); rows sharing ``STORY`` are one story.
  Headlines only. Its rows come story by story, so they are shuffled with a fixed seed into a
  stream; the dates come from ``TIMESTAMP`` (all within three days).
* ``fnc``: FNC-1 training bodies (``train_bodies.csv``, ``train_stances.csv``). Bodies are
  linked through every related pair (agree, disagree, discuss) with a headline; a story is a
  connected component of that body–headline graph. Chaining two claims into one component is the
  risk; on the training set no labelled *unrelated* pair falls inside a component (0 of 13,427
  labelled pairs within components), so the components are kept as they are, and the check is
  logged each run. 191 groups of 1 to 50 bodies (1,683 bodies). Undated, so fed in a seeded
  random order, text only.

Each data set is split in two halves by story (seeded): ``dev`` is the half thresholds were tuned
on, ``eval`` the other half, never looked at while tuning; ``all`` is both. Held-out test splits
(BASIL 2015–2019, FNC-1's competition set) are not read at all.
"""

from __future__ import annotations

import csv
import json
import logging
import random
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from pathlib import Path

from parallax.errors import Code, ConfigError, InputError
from parallax.stories.assign import StoryIndex
from parallax.stories.embed import AUTO, resolve_embedder, shared_embedder
from parallax.stories.features import StoryInput
from parallax.stories.settings import StorySettings

logger = logging.getLogger(__name__)
logger.addHandler(logging.NullHandler())

SEED = 13
PARTS = ("dev", "eval", "all")


@dataclass(frozen=True, slots=True)
class Labelled:
    """One article of an evaluation stream with its gold story."""

    item: StoryInput
    story: str


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


# --- readers -----------------------------------------------------------------------------
def _require(path: Path) -> Path:
    if not path.exists():
        raise InputError(Code.NOT_FOUND, "evaluation data is missing", path=str(path))
    return path


def read_basil(data: Path, *, seed: int = SEED) -> list[Labelled]:
    """Read BASIL's articles in publication order (ties in a seeded random order)."""
    files = sorted(_require(data / "articles").glob("*/*.json"))
    rows = []
    for path in files:
        record = json.loads(path.read_text(encoding="utf-8"))
        paragraphs = [
            " ".join(p) if isinstance(p, list) else str(p) for p in record["body-paragraphs"]
        ]
        item = StoryInput(
            article_id=path.stem,
            published=date.fromisoformat(record["date"]),
            title=record.get("title"),
            text="\n\n".join(paragraphs),
            outlet=record.get("source"),
            entities=frozenset(),
        )
        rows.append(Labelled(item, record["triplet-uuid"]))
    shuffled = _shuffled(rows, seed)
    return sorted(shuffled, key=lambda row: row.item.published or date.min)


def read_uci(data: Path, *, seed: int = SEED) -> list[Labelled]:
    """Read the UCI headline slice as a stream shuffled with ``seed`` (its rows come by story)."""
    files = sorted(_require(data).glob("*.csv"))
    if not files:
        raise InputError(Code.NOT_FOUND, "no CSV file in the UCI folder", path=str(data))
    rows = []
    with files[0].open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            stamp = datetime.fromtimestamp(int(record["TIMESTAMP"]) / 1000, tz=UTC)
            item = StoryInput(
                article_id=f"uci-{record['ID']}",
                published=stamp.date(),
                title=record["TITLE"],
                text="",
                outlet=record["PUBLISHER"] or None,
                entities=frozenset(),
            )
            rows.append(Labelled(item, record["STORY"]))
    return _shuffled(rows, seed)


def fnc_groups(data: Path) -> dict[str, str]:
    """Return ``{body id: group}``: connected components of the related body–headline pairs.

    A group is named after its smallest body id. Logs how many labelled *unrelated* pairs fall
    inside one group (a sign of two claims chained together; 0 on the training set).
    """
    with _require(data / "train_stances.csv").open(encoding="utf-8", newline="") as handle:
        pairs = [(row["Headline"], row["Body ID"], row["Stance"]) for row in csv.DictReader(handle)]
    parent: dict[str, str] = {}

    def find(node: str) -> str:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for headline, body, stance in pairs:
        if stance != "unrelated":
            parent[find("h:" + headline)] = find("b:" + body)
    bodies = sorted({body for _, body, stance in pairs if stance != "unrelated"}, key=int)
    roots: dict[str, str] = {}
    groups = {}
    for body in bodies:
        groups[body] = roots.setdefault(find("b:" + body), f"fnc-{body}")
    chained = sum(
        1
        for headline, body, stance in pairs
        if stance == "unrelated"
        and "h:" + headline in parent
        and find("h:" + headline) == find("b:" + body)
    )
    logger.info(
        "FNC-1: %d groups of %d bodies; %d unrelated pairs inside a group",
        len(roots),
        len(groups),
        chained,
    )
    return groups


def read_fnc(data: Path, *, seed: int = SEED) -> list[Labelled]:
    """Read FNC-1 training bodies that belong to a group, in a seeded random order."""
    groups = fnc_groups(data)
    rows = []
    with _require(data / "train_bodies.csv").open(encoding="utf-8", newline="") as handle:
        for record in csv.DictReader(handle):
            body = record["Body ID"]
            if body in groups:
                item = StoryInput(
                    f"fnc-{body}", None, None, record["articleBody"], None, frozenset()
                )
                rows.append(Labelled(item, groups[body]))
    return _shuffled(rows, seed)


def _shuffled(rows: list[Labelled], seed: int) -> list[Labelled]:
    rows = sorted(rows, key=lambda row: row.item.article_id)
    random.Random(seed).shuffle(rows)
    return rows


READERS: dict[str, Callable[..., list[Labelled]]] = {
    "basil": read_basil,
    "uci": read_uci,
    "fnc": read_fnc,
}
"""The formats :func:`evaluate_stories` reads, by name."""


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
        fmt: ``basil``, ``uci`` or ``fnc`` (see the module docstring).
        part: ``dev`` (the tuning half), ``eval`` (the other half) or ``all``.
        seed: Seed of the stream order and of the halves.
        settings: Grouping settings; ``StorySettings.tuned_for(embedder)`` when not given.
        embedder: ``auto`` (MiniLM when the embeddings extra is installed; also None), ``minilm``
            or ``tfidf`` (TF-IDF, entities and time): the ``story_embedder`` setting's values.
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
